import { open, readdir, readFile, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { readJson, syncDirectory, writeFileAtomic } from "./atomic-file";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "./owner-only";

/**
 * Durable state for a stand-in (the vault's secrets, the Kubernetes stand-in's objects): an append-only log of
 * operations plus a snapshot.
 *
 * - Every operation is one JSON line `{"s":<seq>,"op":…}`; `append` resolves only after the line is fsync'd, so an
 *   acknowledged write survives `kill -9`. Concurrent appends share one write + fdatasync (group commit).
 * - Compaction writes `snapshot.json` (`{gen, seq, state}`) atomically (temp file, fsync, rename, directory fsync),
 *   then starts `log-<gen>.jsonl` and deletes older logs. Replay skips lines whose seq the snapshot already holds,
 *   so a crash between any two of these steps (or a failed compaction that kept appending to the old log) replays
 *   correctly.
 * - A line cut short by a crash fails to parse and is skipped; every start compacts, so no torn tail survives.
 * - The folder is 0700 and every file 0600 (see owner-only.ts): the log and snapshot hold secret values.
 */
export interface JournalOptions<State, Op> {
  dir: string;
  restore(state: State | undefined): void;          // reset the in-memory state from a snapshot (or to empty)
  replay(op: Op): void;                              // apply one logged operation to the in-memory state
  capture(): State;                                  // the in-memory state, for a snapshot
  compactAfterLines?: number;
  /** Names the store in error messages and logs, e.g. "key-vault". */
  label?: string;
}

interface Snapshot<State> { gen: number; seq: number; state: State }
interface Pending { line: string; resolve(): void; reject(err: unknown): void }

const SNAPSHOT = "snapshot.json";
const LOG = /^log-(\d+)\.jsonl$/;

export class Journal<State, Op> {
  private seq = 0;
  private gen = 0;
  private file: FileHandle | undefined;
  private linesInLog = 0;
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  private constructor(private readonly o: JournalOptions<State, Op>) {}

  static async open<State, Op>(o: JournalOptions<State, Op>): Promise<Journal<State, Op>> {
    const journal = new Journal(o);
    await journal.load();
    return journal;
  }

  /** Logs an operation the caller has already applied in memory; resolves once it is on disk. */
  append(op: Op): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`The ${this.o.label ?? "journal"} store is closed`));
    this.seq += 1;
    const line = `${JSON.stringify({ s: this.seq, op })}\n`;
    const done = new Promise<void>((resolve, reject) => this.queue.push({ line, resolve, reject }));
    this.draining ??= this.drain();
    return done;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
    await this.file?.close();
    this.file = undefined;
  }

  private async load(): Promise<void> {
    const { dir } = this.o;
    await mkdirPrivate(dir);
    const names = await readdir(dir);
    // Temp files of an interrupted snapshot write (see writeFileAtomic): never the truth, safe to drop.
    await Promise.all(names.filter((n) => n.endsWith(".tmp")).map((n) => rm(join(dir, n), { force: true })));
    const snapshot = await readJson<Snapshot<State>>(join(dir, SNAPSHOT));
    this.o.restore(snapshot?.state);
    this.seq = snapshot?.seq ?? 0;
    this.gen = snapshot?.gen ?? 0;
    const logs = names.flatMap((n) => { const m = LOG.exec(n); return m ? [{ name: n, gen: Number(m[1]) }] : []; })
      .sort((a, b) => a.gen - b.gen);
    for (const log of logs) {
      this.gen = Math.max(this.gen, log.gen);
      for (const line of (await readFile(join(dir, log.name), "utf8")).split("\n")) {
        const record = parseLine(line);
        if (!record || record.s <= this.seq) continue;
        this.o.replay(record.op as Op);
        this.seq = record.s;
      }
    }
    await this.compact();
  }

  /**
   * Writes queued lines until none are left. An append may land between the loop seeing an empty queue and this
   * promise settling (it saw `draining` still set), so the queue is checked once more before letting go.
   */
  private async drain(): Promise<void> {
    try {
      await this.drainQueue();
    } finally {
      this.draining = this.queue.length > 0 ? this.drain() : undefined;
    }
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        if (!this.file) throw new Error(`The ${this.o.label ?? "journal"} log is not open`);
        await this.file.appendFile(batch.map((p) => p.line).join(""));
        await this.file.datasync();
        this.linesInLog += batch.length;
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
      if (this.linesInLog >= (this.o.compactAfterLines ?? 5_000) && !this.closed) {
        try {
          await this.compact();
        } catch (err) {
          // The old log is still intact and open; compaction is retried after the next batch.
          console.error(`${this.o.label ?? "journal"}: compaction failed: ${(err as Error).message}`);
        }
      }
    }
  }

  /**
   * Snapshot of the in-memory state, which may already include queued (not yet written) operations: their seq is
   * at most the snapshot's, so when they are later written to the new log, replay skips them.
   */
  private async compact(): Promise<void> {
    const { dir } = this.o;
    const nextGen = this.gen + 1;
    const text = JSON.stringify({ gen: nextGen, seq: this.seq, state: this.o.capture() } satisfies Snapshot<State>);
    await writeFileAtomic(join(dir, SNAPSHOT), text);
    const next = await open(join(dir, `log-${nextGen}.jsonl`), "a", PRIVATE_FILE_MODE);
    await next.chmod(PRIVATE_FILE_MODE);
    await syncDirectory(dir);
    const previous = this.file;
    this.file = next;
    this.gen = nextGen;
    this.linesInLog = 0;
    await previous?.close();
    for (const name of await readdir(dir)) {
      const m = LOG.exec(name);
      if (m && Number(m[1]) < nextGen) await rm(join(dir, name), { force: true });
    }
  }
}

function parseLine(line: string): { s: number; op: unknown } | undefined {
  if (line.length === 0) return undefined;
  try {
    const record = JSON.parse(line) as { s?: unknown; op?: unknown };
    return typeof record.s === "number" && record.op !== undefined ? { s: record.s, op: record.op } : undefined;
  } catch {
    return undefined;                                  // the torn tail of a write cut by a crash
  }
}
