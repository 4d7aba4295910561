import { open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { mkdirPrivate, PRIVATE_FILE_MODE } from "./owner-only";

/**
 * One running stack per data folder: two would write the same state files. The lock file holds the owner's pid; a
 * lock whose process is gone (the stack was killed with -9) is taken over.
 */
export async function acquirePidLock(file: string): Promise<{ release(): Promise<void> }> {
  await mkdirPrivate(dirname(file));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx", PRIVATE_FILE_MODE);
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = await lockOwner(file);
      if (owner !== undefined) {
        throw new Error(`A local stack (pid ${owner}) is already running on ${dirname(dirname(file))}; stop it first.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${file}`);
}

/** The pid holding the lock if that process is alive, else undefined. */
export async function lockOwner(file: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(file, "utf8")).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}
