import { spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isSameProcess } from "./process-identity";
import { readRecord, runRecordFile } from "./run-record";
import { startOptions } from "./start-options";

/**
 * `npm run reset [-- --data-dir <dir>]`: forget all local-stack state (vault contents, identities, keys, CA) and take
 * that CA out of the browsers that were told to trust it. Refuses while npm start or the stack uses the folder.
 */
const ROOT = resolve(__dirname, "..");

async function main(): Promise<number> {
  const { dataDir } = startOptions(process.argv.slice(2), process.env, ROOT);
  const user = await runningUser(dataDir);
  if (user !== undefined) {
    console.error(`${user} is using ${dataDir}; stop it (Ctrl-C) before resetting.`);
    return 1;
  }
  // Through the stack's own CLI (scripts do not import emulators/): it names the CA as `trust` did.
  const untrust = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "emulators/cli.ts"), "untrust", "--data-dir", dataDir],
    { cwd: ROOT, stdio: "inherit" });
  if (untrust.status !== 0) console.error("Could not take the CA out of the browser stores (see above); resetting anyway.");
  await rm(dataDir, { recursive: true, force: true });
  console.log(`Removed ${dataDir}. The next npm start creates a new tenant, CA and demo vault.`);
  return 0;
}

/** npm start (its run record) or a stack started some other way (its pid lock, emulators/shared/lock.ts). */
async function runningUser(dataDir: string): Promise<string | undefined> {
  const owner = await readRecord(runRecordFile(dataDir));
  if (owner && isSameProcess(owner.pid, owner.startTime)) return `npm start (pid ${owner.pid})`;
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, "local-stack", "stack.pid"), "utf8")).trim());
  } catch {
    return undefined;
  }
  return isSameProcess(pid, undefined) ? `A local stack (pid ${pid})` : undefined;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
