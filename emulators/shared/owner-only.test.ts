import { chmod, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-file";
import { mkdirPrivate, tightenTree } from "./owner-only";

const mode = async (path: string) => (await lstat(path)).mode & 0o777;

let dir: string;
let umask: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "owner-only-"));
  umask = process.umask();
});
afterEach(async () => {
  process.umask(umask);
  await rm(dir, { recursive: true, force: true });
});

describe("owner-only files", () => {
  it("creates nested folders 0700 and files 0600 whatever the umask (0, or one that drops the owner's read bit)", async () => {
    for (const [i, mask] of [0o000, 0o022, 0o400].entries()) {
      process.umask(mask);
      const file = join(dir, `u${i}`, "a", "b", "state.json");
      await writeFileAtomic(file, "{}");
      process.umask(umask);
      expect([await mode(join(dir, `u${i}`)), await mode(join(dir, `u${i}`, "a")), await mode(join(dir, `u${i}`, "a", "b"))])
        .toEqual([0o700, 0o700, 0o700]);
      expect(await mode(file)).toBe(0o600);
      expect(await readFile(file, "utf8")).toBe("{}");
    }
  });

  it("leaves an existing folder's mode alone when creating below it (tightenTree's job)", async () => {
    await chmod(dir, 0o755);
    await mkdirPrivate(join(dir, "x"));
    expect([await mode(dir), await mode(join(dir, "x"))]).toEqual([0o755, 0o700]);
  });

  it("tightens a tree left world-readable, without following symbolic links", async () => {
    const outside = await mkdtemp(join(tmpdir(), "owner-only-outside-"));
    try {
      await writeFile(join(outside, "shared.txt"), "x");
      await chmod(join(outside, "shared.txt"), 0o644);
      await mkdir(join(dir, "a", "b"), { recursive: true });
      await writeFile(join(dir, "a", "b", "log.jsonl"), "x");
      await chmod(join(dir, "a", "b", "log.jsonl"), 0o644);
      await chmod(join(dir, "a", "b"), 0o755);
      await chmod(join(dir, "a"), 0o775);
      await symlink(join(outside, "shared.txt"), join(dir, "a", "link"));
      await tightenTree(dir);
      expect([await mode(dir), await mode(join(dir, "a")), await mode(join(dir, "a", "b"))]).toEqual([0o700, 0o700, 0o700]);
      expect(await mode(join(dir, "a", "b", "log.jsonl"))).toBe(0o600);
      expect((await stat(join(outside, "shared.txt"))).mode & 0o777).toBe(0o644);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("accepts a data folder that does not exist yet", async () => {
    await expect(tightenTree(join(dir, "absent"))).resolves.toBeUndefined();
  });
});
