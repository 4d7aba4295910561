import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { groupAlive, processStartTime } from "./process-identity";
import { claimDataDir, runRecordFile, type RunRecord } from "./run-record";

let dir: string;
const spawned: ChildProcess[] = [];
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "run-record-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });
afterAll(() => {
  for (const c of spawned) if (c.pid !== undefined && groupAlive(c.pid)) process.kill(-c.pid, "SIGKILL");
});

const self = { command: "node scripts/start.ts", checkout: "/checkout", portalUrl: "http://127.0.0.1:3000", startedAt: "now" };

/** A process that runs until stopped, leading its own group, as npm start's children do. */
function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
  spawned.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  return child.pid!;
}

async function writeRecord(record: Partial<RunRecord>): Promise<void> {
  await writeFile(runRecordFile(dir), JSON.stringify({ ...self, dataDir: dir, children: [], ...record }));
}

describe("claimDataDir (npm start's run record)", () => {
  it("records this process and its children, and removes the record on release", async () => {
    const claim = await claimDataDir(dir, self);
    expect(claim.kind).toBe("claimed");
    if (claim.kind !== "claimed") return;
    const child = sleeper();
    await claim.record.addChild({ name: "portal", pid: child.pid!, command: "next start" });
    const written = JSON.parse(await readFile(runRecordFile(dir), "utf8")) as RunRecord;
    expect(written).toMatchObject({ pid: process.pid, startTime: processStartTime(process.pid), dataDir: dir });
    expect(written.children).toEqual([
      { name: "portal", pid: child.pid, startTime: processStartTime(child.pid!), command: "next start" },
    ]);
    await claim.record.release();
    expect(await access(runRecordFile(dir)).then(() => true, () => false)).toBe(false);
  });

  it("refuses while the recorded npm start still runs", async () => {
    const owner = sleeper();
    await writeRecord({ pid: owner.pid, startTime: processStartTime(owner.pid!) });
    const claim = await claimDataDir(dir, self);
    expect(claim).toMatchObject({ kind: "running", owner: { pid: owner.pid } });
  });

  it("stops the groups a dead npm start left running, and says which", async () => {
    const leftover = sleeper();
    await writeRecord({ pid: await deadPid(), startTime: "1",
      children: [{ name: "portal", pid: leftover.pid!, startTime: processStartTime(leftover.pid!), command: "next start" }] });
    const claim = await claimDataDir(dir, self, 2000);
    expect(claim.kind).toBe("claimed");
    expect(claim.kind === "claimed" && claim.leftovers?.stopped.map((c) => c.pid)).toEqual([leftover.pid]);
    expect(groupAlive(leftover.pid!)).toBe(false);
  });

  it("leaves alone a process that got a recorded pid after the recorded one ended (start time differs)", async () => {
    const stranger = sleeper();
    await writeRecord({ pid: await deadPid(), startTime: "1",
      children: [{ name: "portal", pid: stranger.pid!, startTime: "not its start time", command: "next start" }] });
    const claim = await claimDataDir(dir, self, 2000);
    expect(claim.kind === "claimed" && claim.leftovers).toBeUndefined();
    expect(groupAlive(stranger.pid!)).toBe(true);
  });

  it("takes over a record a crash left half-written", async () => {
    await writeFile(runRecordFile(dir), "{\"pid\": 12");
    expect((await claimDataDir(dir, self)).kind).toBe("claimed");
  });
});
