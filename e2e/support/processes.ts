import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A free loopback port: bind port 0, read what the kernel chose, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts a Node child in its own process group (so stopping it also stops what it spawned, e.g. tsx's
 * worker) with stdout/stderr going to `logFile`. Always the Node that runs the tests (Node 24 from the
 * `node` devDependency), never the system one.
 */
export function spawnNode(args: string[], opts: { env: NodeJS.ProcessEnv; logFile: string; cwd: string }): ChildProcess {
  const log = openSync(opts.logFile, "a");
  return spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", log, log], detached: true });
}

/** SIGTERM the child's process group, SIGKILL after `graceMs`. Resolves once the group is gone. */
export async function stopGroup(pid: number, graceMs = 5_000): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value, the child dies, or `timeoutMs` passes (bounded loop). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; child?: ChildProcess; logFile?: string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (opts.child && opts.child.exitCode !== null) {
      throw new Error(`${what}: the process exited with code ${opts.child.exitCode}${logTail(opts.logFile)}`);
    }
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${opts.timeoutMs} ms${logTail(opts.logFile)}`);
}

/** The end of a child's log, for the error message: the temp folder holding it is removed on teardown. */
function logTail(file: string | undefined): string {
  if (!file) return "";
  try {
    return `; its output ends with:\n${readFileSync(file, "utf8").slice(-3000)}`;
  } catch {
    return "";
  }
}
