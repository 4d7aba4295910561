import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/**
 * The data folder holds secret values (journals, snapshots, keys, tokens), so everything in it is for its owner
 * alone. Modes are set with chmod after creation: the mode given to mkdir/open is filtered by the process umask, and
 * the result must not depend on how the shell that started the stack was set up.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** `mkdir -p` whose every new folder is 0700 (folders that already existed are left to `tightenTree`). */
export async function mkdirPrivate(dir: string): Promise<void> {
  const target = resolve(dir);
  const first = await mkdir(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  // mkdir -p reports the outermost folder it created; chmod it and every folder below it down to the target.
  const created: string[] = [];
  for (let d = target; ; d = dirname(d)) {
    created.push(d);
    if (d === resolve(first) || d === dirname(d)) break;
  }
  for (const d of created.reverse()) await chmod(d, PRIVATE_DIR_MODE);
}

/**
 * Brings a folder created by an older version (0755 folders, 0644 files) to owner-only, once at stack start.
 * Symbolic links are neither followed nor changed: their own mode means nothing, and what they point at is not the
 * stack's to change. Entries removed meanwhile (a temp file renamed away) are skipped.
 */
export async function tightenTree(root: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (stats.isSymbolicLink()) return;
  const mode = stats.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  if ((stats.mode & 0o777) !== mode) await ignoreGone(chmod(root, mode));
  if (!stats.isDirectory()) return;
  let names: string[];
  try {
    names = await readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  for (const name of names) await tightenTree(join(root, name));
}

async function ignoreGone(p: Promise<void>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}
