import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJson, writeJsonAtomic } from "./atomic-file";

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "atomic-file-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe("atomic JSON file", () => {
  it("round-trips a value, creating the folder, and leaves no temp file behind", async () => {
    const file = join(dir, "nested", "state.json");
    await writeJsonAtomic(file, { tenant: "t1", n: [1, 2] });
    expect(await readJson(file)).toEqual({ tenant: "t1", n: [1, 2] });
    expect(await readdir(join(dir, "nested"))).toEqual(["state.json"]);
  });

  it("replaces the whole file: concurrent writers leave one complete version, never a mix", async () => {
    const file = join(dir, "state.json");
    const big = (i: number) => ({ writer: i, filler: String(i).repeat(200_000) });
    await Promise.all(Array.from({ length: 8 }, (_, i) => writeJsonAtomic(file, big(i))));
    const result = await readJson<{ writer: number; filler: string }>(file);
    expect(result!.filler).toBe(String(result!.writer).repeat(200_000));
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("reads a missing file as undefined and refuses a corrupt one", async () => {
    expect(await readJson(join(dir, "absent.json"))).toBeUndefined();
    await writeFile(join(dir, "torn.json"), '{"half":');
    await expect(readJson(join(dir, "torn.json"))).rejects.toThrow(SyntaxError);
  });

  it("applies the requested file mode (keys stay private)", async () => {
    const file = join(dir, "key.json");
    await writeJsonAtomic(file, { k: 1 }, 0o600);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).toContain('"k": 1');
  });
});
