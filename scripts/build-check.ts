import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** What `next build` reads: a change in any of these makes the production build stale. */
const SOURCE_DIRS = ["app", "components", "lib", "server", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.portal.json",
  "postcss.config.mjs", "instrumentation.ts", "proxy.ts", "middleware.ts"];

/** True when there is no production build in `distDir` yet, or some source is newer than it. */
export async function needsBuild(root: string, distDir = ".next"): Promise<boolean> {
  const built = await mtime(join(root, distDir, "BUILD_ID"));
  if (built === undefined) return true;
  for (const file of SOURCE_FILES) {
    if ((await mtime(join(root, file)) ?? 0) > built) return true;
  }
  for (const dir of SOURCE_DIRS) {
    if (await newerThan(join(root, dir), built)) return true;
  }
  return false;
}

async function newerThan(dir: string, time: number): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    if ((await mtime(join(e.parentPath, e.name)) ?? 0) > time) return true;
  }
  return false;
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
