import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { groupAlive, isSameProcess, processStartTime } from "./process-identity";

/**
 * `<data>/npm-start.json`: the `npm start` that uses this data folder and the process groups it started. It is how
 * a later `npm start` tells "already running" (its owner is alive) from "leftovers of one that was killed with -9"
 * (its owner is gone but a child it recorded still runs: stop that child's group before taking the ports again).
 */
export interface RecordedProcess {
  name: string;
  /** Leader of its own process group (spawned detached): the group id is the same number. */
  pid: number;
  startTime?: string;
  command: string;
}

export interface RunRecord {
  pid: number;
  startTime?: string;
  command: string;
  checkout: string;
  dataDir: string;
  portalUrl: string;
  startedAt: string;
  children: RecordedProcess[];
}

export type Claim =
  | { kind: "running"; owner: RunRecord }
  | { kind: "claimed"; record: RunRecordFile; leftovers?: { owner: RunRecord; stopped: RecordedProcess[] } };

export interface RunRecordFile {
  addChild(child: Omit<RecordedProcess, "startTime">): Promise<void>;
  removeChild(pid: number): Promise<void>;
  release(): Promise<void>;
}

export const runRecordFile = (dataDir: string) => join(dataDir, "npm-start.json");

/**
 * Makes this process the data folder's `npm start`, unless a live one already is. Leftovers of a dead one are
 * stopped first (SIGTERM to each recorded group, SIGKILL after `graceMs`).
 */
export async function claimDataDir(dataDir: string, self: Omit<RunRecord, "pid" | "startTime" | "children" | "dataDir">,
  graceMs = 5000): Promise<Claim> {
  await mkdir(dataDir, { recursive: true });
  const file = runRecordFile(dataDir);
  const record: RunRecord = { pid: process.pid, startTime: processStartTime(process.pid), dataDir, ...self, children: [] };
  let leftovers: { owner: RunRecord; stopped: RecordedProcess[] } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(file, record)) return { kind: "claimed", record: handle(file, record), leftovers };
    const owner = await readRecord(file);
    if (owner && owner.pid !== process.pid && isSameProcess(owner.pid, owner.startTime)) return { kind: "running", owner };
    if (owner) {
      const stopped: RecordedProcess[] = [];
      for (const child of owner.children) if (await stopLeftover(child, graceMs)) stopped.push(child);
      if (stopped.length > 0) leftovers = { owner, stopped };
    }
    await rm(file, { force: true });
  }
  throw new Error(`could not take ${file}: another npm start is starting on the same data folder`);
}

/** Writes the whole record under a temp name and links it into place: it appears complete, or not at all. */
async function createExclusive(file: string, record: RunRecord): Promise<boolean> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(record, null, 2));
  try {
    await link(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    await rm(temp, { force: true });
  }
}

export async function readRecord(file: string): Promise<RunRecord | undefined> {
  try {
    const r = JSON.parse(await readFile(file, "utf8")) as Partial<RunRecord>;
    if (typeof r.pid !== "number" || !Array.isArray(r.children)) return undefined;
    return r as RunRecord;
  } catch {
    return undefined;
  }
}

function handle(file: string, record: RunRecord): RunRecordFile {
  // Updates are serialised: each one rewrites the file from the latest state.
  let queue = Promise.resolve();
  const save = () => {
    queue = queue.then(async () => {
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(record, null, 2));
      await rename(temp, file);
    });
    return queue;
  };
  return {
    addChild: (child) => {
      record.children.push({ ...child, startTime: processStartTime(child.pid) });
      return save();
    },
    removeChild: (pid) => {
      record.children = record.children.filter((c) => c.pid !== pid);
      return save();
    },
    release: async () => {
      await queue;
      await rm(file, { force: true });
    },
  };
}

/** Stops a recorded group if it still runs; true when there was something to stop. */
async function stopLeftover(child: RecordedProcess, graceMs: number): Promise<boolean> {
  const leaderNow = processStartTime(child.pid);
  // The pid now names another process (reused): that is not ours, nor is its group.
  if (leaderNow !== undefined && child.startTime !== undefined && leaderNow !== child.startTime) return false;
  // With its leader gone, a group whose id is still taken holds the leader's descendants: the id is not reused
  // while the group has members.
  if (!groupAlive(child.pid)) return false;
  signalGroup(child.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) signalGroup(child.pid, "SIGKILL");
  for (let i = 0; i < 50 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
  return true;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // gone meanwhile
  }
}
