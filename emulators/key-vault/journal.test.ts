import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal } from "./journal";
import { VaultStore } from "./store";

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "kv-journal-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** A journal over a list of numbers: easy to compare after replay. */
async function openList(compactAfterLines?: number) {
  const state: { items: number[] } = { items: [] };
  const journal = await Journal.open<number[], number>({
    dir, compactAfterLines,
    restore: (s) => { state.items = [...(s ?? [])]; },
    replay: (n) => { state.items.push(n); },
    capture: () => [...state.items],
  });
  const add = (n: number) => { state.items.push(n); return journal.append(n); };
  return { state, journal, add };
}

describe("journal", () => {
  it("replays acknowledged operations after a restart", async () => {
    const a = await openList();
    await Promise.all([1, 2, 3].map(a.add));
    await a.journal.close();
    expect((await openList()).state.items).toEqual([1, 2, 3]);
  });

  it("ignores a torn last line and leaves no trace of it after the restart", async () => {
    const a = await openList();
    await a.add(1);
    await a.add(2);
    const log = (await readdir(dir)).find((n) => n.startsWith("log-")) ?? "";
    await a.journal.close();
    await appendFile(join(dir, log), '{"s":3,"op":');                 // a write cut short by kill -9
    const b = await openList();
    expect(b.state.items).toEqual([1, 2]);
    await b.add(3);
    await b.journal.close();
    expect((await openList()).state.items).toEqual([1, 2, 3]);
    const logs = (await readdir(dir)).filter((n) => n.startsWith("log-"));
    expect(logs).toHaveLength(1);
  });

  it("compacts into a snapshot and keeps one short log", async () => {
    const a = await openList(10);
    for (let i = 0; i < 35; i++) await a.add(i);
    await a.journal.close();
    const files = await readdir(dir);
    expect(files.filter((n) => n.startsWith("log-"))).toHaveLength(1);
    const snapshot = JSON.parse(await readFile(join(dir, "snapshot.json"), "utf8")) as { seq: number; state: number[] };
    expect(snapshot.seq).toBeGreaterThanOrEqual(30);
    expect((await openList()).state.items).toEqual(Array.from({ length: 35 }, (_, i) => i));
  });

  it("replays only what a snapshot lacks when a crash left an old log behind", async () => {
    await writeFile(join(dir, "snapshot.json"), JSON.stringify({ gen: 2, seq: 3, state: [10, 20, 30] }));
    await writeFile(join(dir, "log-1.jsonl"), [1, 2, 3, 4, 5].map((s) => JSON.stringify({ s, op: s * 10 })).join("\n"));
    await writeFile(join(dir, ".snapshot.json.123.abcd.tmp"), "half a snapsh");
    const a = await openList();
    expect(a.state.items).toEqual([10, 20, 30, 40, 50]);
    expect((await readdir(dir)).filter((n) => n.endsWith(".tmp") || n === "log-1.jsonl")).toEqual([]);
  });
});

describe("vault store persistence", () => {
  it("keeps secrets, versions, deletions and purges across a restart", async () => {
    const a = await VaultStore.open(dir);
    const v1 = await a.set("Keep-Me", { value: "one", tags: { t: "1" } });
    await a.set("keep-me", { value: "two" });
    await a.update("keep-me", v1.version.version, { attributes: { enabled: false } });
    await a.set("deleted", { value: "x" });
    await a.delete("deleted");
    await a.set("purged", { value: "x" });
    await a.delete("purged");
    await a.purge("purged");
    await a.close();

    const b = await VaultStore.open(dir);
    const { entry, version } = b.get("KEEP-ME");
    expect(entry.name).toBe("Keep-Me");
    expect(version.value).toBe("two");
    expect(b.get("keep-me", v1.version.version).version).toMatchObject({ value: "one", enabled: false, tags: { t: "1" } });
    expect(b.getDeleted("deleted").deleted).toBeDefined();
    expect(() => b.getDeleted("purged")).toThrow(/Deleted Secret not found/);
    await b.close();
  });
});
