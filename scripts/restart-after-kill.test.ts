import { spawn, type ChildProcess } from "node:child_process";
import { access, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAlive, isSameProcess } from "./process-identity";
import { readRecord, runRecordFile, type RunRecord } from "./run-record";
import { npmStartFixture } from "./testing/npm-start-fixture";

/**
 * `npm start` killed with -9 (its whole process group, as a closed terminal or an OOM kill does) and started again.
 * Runs scripts/start.ts of a throwaway checkout (testing/npm-start-fixture.ts: one-route portal, its own data
 * folder, free ports); its one `next build` of a few seconds is shared by every start here.
 */
let fixture: Awaited<ReturnType<typeof npmStartFixture>>;
/** Every process group these tests started or saw recorded: a failing test must not leave a portal running. */
const groups = new Set<number>();

beforeAll(async () => { fixture = await npmStartFixture(); });
afterAll(async () => {
  for (const pgid of groups) if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  await rm(fixture.base, { recursive: true, force: true });
});

interface NpmStart { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** scripts/start.ts the way npm runs it: leader of its own process group, output to a pipe (no TTY). */
function npmStart(port: number, ...extra: string[]): NpmStart {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  const child = spawn(process.execPath, ["--import", "tsx", join(fixture.root, "scripts", "start.ts"),
    "--data-dir", fixture.dataDir, "--free-ports", ...extra], { cwd: fixture.root, detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  if (child.pid !== undefined) groups.add(child.pid);
  let output = "";
  child.stdout!.on("data", (c: Buffer) => { output += c.toString(); });
  child.stderr!.on("data", (c: Buffer) => { output += c.toString(); });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => output, exited };
}

async function untilHealthy(port: number, run: NpmStart, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited (${run.child.exitCode}):\n${run.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok && run.output().includes("Ctrl-C stops everything")) return;
    await sleep(250);
  }
  throw new Error(`npm start did not come up within ${timeoutMs} ms:\n${run.output()}`);
}

/** The recorded processes (npm start and each group it started) that still run, by pid and start time. */
function survivors(record: RunRecord): string[] {
  const alive = [record, ...record.children].filter((p) => isSameProcess(p.pid, p.startTime) || groupAlive(p.pid));
  return alive.map((p) => `${"name" in p ? p.name : "npm start"} (pid ${p.pid})`);
}

async function recordOf(run: NpmStart): Promise<RunRecord> {
  const record = await readRecord(runRecordFile(fixture.dataDir));
  for (const c of record?.children ?? []) groups.add(c.pid);
  expect(record?.pid).toBe(run.child.pid);
  return record!;
}

describe("npm start after kill -9", () => {
  it("starts again, stops whatever the killed one left, and leaves no process of it behind", async () => {
    const port = await freePort();
    const first = npmStart(port);
    await untilHealthy(port, first, 240_000);                   // includes the one next build
    const firstRecord = await recordOf(first);
    expect(firstRecord.children.map((c) => c.name).sort()).toEqual(["local stack", "portal"]);

    process.kill(-first.child.pid!, "SIGKILL");
    await first.exited;
    const second = npmStart(port);
    await untilHealthy(port, second, 90_000);
    // Next stops by itself when npm start's pipe closes, so usually nothing is left to stop; if something was,
    // npm start says so in one line.
    const said = second.output().split("\n").filter((l) => l.startsWith("Stopped what an earlier npm start"));
    expect(said.length).toBeLessThanOrEqual(1);
    expect(survivors(firstRecord)).toEqual([]);

    // A second npm start on the same data folder is refused while this one runs.
    const third = npmStart(await freePort());
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(`Ops Portal is already running (pid ${second.child.pid}`);

    // Killed with nobody starting it again, its processes still go (Next's own too): the port is free again.
    const secondRecord = await recordOf(second);
    process.kill(-second.child.pid!, "SIGKILL");
    await second.exited;
    for (let i = 0; i < 100 && survivors(secondRecord).length > 0; i++) await sleep(100);
    expect(survivors(secondRecord)).toEqual([]);
    expect(await portFree(port)).toBe(true);
  }, 400_000);

  it("npm run dev (next dev: a launcher and a server process) goes with it too", async () => {
    const port = await freePort();
    const run = npmStart(port, "--dev");
    await untilHealthy(port, run, 120_000);
    const record = await recordOf(run);
    process.kill(-run.child.pid!, "SIGKILL");
    await run.exited;
    for (let i = 0; i < 100 && survivors(record).length > 0; i++) await sleep(100);
    expect(survivors(record)).toEqual([]);
    expect(await portFree(port)).toBe(true);
  }, 150_000);

  it("Ctrl-C (SIGINT) stops everything and removes the run record", async () => {
    const port = await freePort();
    const run = npmStart(port);
    await untilHealthy(port, run, 90_000);
    const record = await recordOf(run);
    process.kill(run.child.pid!, "SIGINT");
    expect(await run.exited).toBe(0);
    expect(survivors(record)).toEqual([]);
    expect(await access(runRecordFile(fixture.dataDir)).then(() => true, () => false)).toBe(false);
  }, 120_000);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const portFree = (port: number) => new Promise<boolean>((r) => {
  const probe = createServer().once("error", () => r(false));
  probe.listen(port, "127.0.0.1", () => probe.close(() => r(true)));
});
