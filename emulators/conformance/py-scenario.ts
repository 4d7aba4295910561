import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Phase, ScenarioConfig, StepOutcome } from "./transcript";

const run = promisify(execFile);
/** Debian's interpreter: a pyenv `python3` earlier on PATH does not see python3-azure (toolchain-clients.md). */
export const DEBIAN_PYTHON = "/usr/bin/python3";
const SCRIPT = join(import.meta.dirname, "kv_scenario.py");

/** Runs kv_scenario.py for one phase in a child process; `workDir` holds its config and transcript files. */
export async function runPythonScenario(c: ScenarioConfig, phase: Phase, workDir: string): Promise<StepOutcome[]> {
  const configFile = join(workDir, "py-config.json");
  const outFile = join(workDir, `py-${phase}.json`);
  await writeFile(configFile, JSON.stringify(c), { mode: 0o600 });
  try {
    // -B: no __pycache__ beside the script in the repo.
    await run(DEBIAN_PYTHON, ["-B", SCRIPT, configFile, phase, outFile],
      { timeout: 180_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    const hint = /No module named '?azure/.test(e.stderr ?? "")
      ? " (Debian's python3-azure is missing: apt-get install -y --no-install-recommends python3-azure, as .ci/run does)" : "";
    throw new Error(`kv_scenario.py ${phase} failed${hint}: ${e.stderr || e.message}`);
  }
  return JSON.parse(await readFile(outFile, "utf8")) as StepOutcome[];
}
