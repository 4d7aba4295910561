import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { needsBuild } from "./build-check";
import { portalEnv } from "./portal-env";
import { startStackProcess, stopChild, type StackProcess } from "./stack-process";

/**
 * `npm start` (production build, `next start`) and `npm run dev` (`--dev`, `next dev` with hot reload): the local
 * stack and the portal as one process tree. Ctrl-C or SIGTERM stops every child, process groups included.
 */
const ROOT = resolve(__dirname, "..");
const NEXT_BIN = resolve(ROOT, "node_modules/next/dist/bin/next");
const DATA_DIR = resolve(ROOT, ".data");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const portalUrl = `http://127.0.0.1:${port}`;

interface Running { name: string; child: ChildProcess; exited: Promise<number | null>; stop(): Promise<void> }
const running: Running[] = [];
let shuttingDown = false;

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  // Otherwise the readiness poll below could mistake another server on that port for the portal.
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use; stop what uses it or set PORT`);
  const [stack] = await Promise.all([
    startStackProcess({ dataDir: DATA_DIR, portalUrl }).then((s) => { track("local stack", s); return s; }),
    dev ? Promise.resolve() : buildIfNeeded(),
  ]);
  const portal = spawnTracked("portal", [NEXT_BIN, dev ? "dev" : "start", "-H", "127.0.0.1", "-p", String(port)],
    { ...process.env, ...portalEnv(stack.endpoints, stack.portalIdentity) });
  await waitForHttp(portalUrl, portal);
  console.log(`portal     ${portalUrl}${dev ? "  (next dev, hot reload)" : ""}\nCtrl-C stops everything.`);
}

async function buildIfNeeded(): Promise<void> {
  if (!(await needsBuild(ROOT))) return;
  console.log("building the portal (next build)…");
  const build = spawnTracked("next build", [NEXT_BIN, "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, false);
  const code = await build.exited;
  running.splice(running.indexOf(build), 1);
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
}

function track(name: string, stack: StackProcess): void {
  const exited = new Promise<number | null>((r) => {
    if (stack.child.exitCode !== null) r(stack.child.exitCode);
    else stack.child.once("exit", (code) => r(code));
  });
  const entry = { name, child: stack.child, exited, stop: stack.stop };
  running.push(entry);
  void exited.then((code) => unexpectedExit(entry, code));
}

function spawnTracked(name: string, args: string[], env: NodeJS.ProcessEnv, mustStayUp = true): Running {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const entry = { name, child, exited, stop: () => stopChild(child, exited) };
  running.push(entry);
  if (mustStayUp) void exited.then((code) => unexpectedExit(entry, code));
  return entry;
}

function unexpectedExit(entry: Running, code: number | null): void {
  if (shuttingDown) return;
  console.error(`${entry.name} exited unexpectedly (code ${code}); stopping everything.`);
  void shutdown(1);
}

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // The portal first (it talks to the stack), then the stack.
  for (const entry of [...running].reverse()) await entry.stop();
  process.exit(exitCode);
}

function portIsFree(p: number): Promise<boolean> {
  return new Promise((r) => {
    const probe = createServer().once("error", () => r(false));
    probe.listen(p, "127.0.0.1", () => probe.close(() => r(true)));
  });
}

/** Polls until the portal answers any HTTP status; bounded (next build is done by now, dev compiles lazily). */
async function waitForHttp(url: string, portal: Running, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (portal.child.exitCode !== null) throw new Error("the portal exited before it answered");
    const ok = await new Promise<boolean>((r) => {
      const req = request(url, { method: "HEAD", timeout: 2000 }, (res) => { res.resume(); r(true); });
      req.on("timeout", () => req.destroy());
      req.on("error", () => r(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal did not answer on ${url} within ${timeoutMs / 1000} s`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
// If whoever started us dies without a signal reaching us (kill -9 of npm), do not leave the children running.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) void shutdown(0); }, 1000).unref();
main().catch((err: unknown) => {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
