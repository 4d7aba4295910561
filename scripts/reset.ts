import { readFile, rm } from "node:fs/promises";
import { resolve } from "node:path";

/** `npm run reset`: forget all local-stack state (vault contents, identities, keys, CA). Refuses while it runs. */
const DATA_DIR = resolve(__dirname, "..", ".data");

async function main(): Promise<number> {
  const pid = await runningStackPid();
  if (pid !== undefined) {
    console.error(`A local stack (pid ${pid}) is using ${DATA_DIR}; stop it (Ctrl-C) before resetting.`);
    return 1;
  }
  await rm(DATA_DIR, { recursive: true, force: true });
  console.log(`Removed ${DATA_DIR}. The next npm start creates a new tenant, CA and demo vault.`);
  return 0;
}

/** The stack writes its pid to .data/local-stack/stack.pid while it runs (emulators/shared/lock.ts). */
async function runningStackPid(): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(resolve(DATA_DIR, "local-stack", "stack.pid"), "utf8")).trim());
  } catch {
    return undefined;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
