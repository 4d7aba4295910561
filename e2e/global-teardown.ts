import { readFileSync, rmSync } from "node:fs";
import { stopGroup } from "./support/processes";

export interface HarnessState {
  dataDir: string;
  /** Process-group leaders started by global setup: the stack, then the portal. */
  pids: number[];
}

/** Stops the portal and the stack (portal first: it calls the stack) and removes the temp data folder. */
export default async function globalTeardown(): Promise<void> {
  const file = process.env.E2E_HARNESS_STATE;
  if (!file) return;
  let state: HarnessState;
  try {
    state = JSON.parse(readFileSync(file, "utf8")) as HarnessState;
  } catch {
    return;
  }
  for (const pid of [...state.pids].reverse()) await stopGroup(pid);
  if (process.env.E2E_KEEP_DATA) console.log(`[e2e] kept ${state.dataDir}`);
  else rmSync(state.dataDir, { recursive: true, force: true });
}
