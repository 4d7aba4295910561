import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "./owner-only";

/**
 * Crash-safe file replacement: write a temp file beside the target, fsync it, rename it over the target, then fsync
 * the directory so the rename itself is durable. A reader (or a restart after `kill -9`) sees the old file or the new
 * one, never a torn mix.
 *
 * Owner-only by default (0600, new folders 0700): these files hold the stand-ins' secrets. The mode is set with
 * fchmod before any data is written, so neither the umask nor a reader racing the write sees a wider file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<void> {
  const dir = dirname(path);
  await mkdirPrivate(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx", mode);
    try {
      await file.chmod(mode);
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

export async function writeJsonAtomic(path: string, value: unknown, mode = PRIVATE_FILE_MODE): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/** The parsed JSON at `path`, or `undefined` when there is no such file. A corrupt file throws: never guess. */
export async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  return JSON.parse(text) as T;
}

/** fsync a folder, so a rename or a new file in it survives a crash (POSIX keeps directory entries apart). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
