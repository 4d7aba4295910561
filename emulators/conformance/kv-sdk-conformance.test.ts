import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparable, EXPECTED, expectStep } from "./expected-outcomes";
import { startFreshStack, type FreshStack } from "./fresh-stack";
import { runJsScenario } from "./kv-scenario";
import { runPythonScenario } from "./py-scenario";
import type { Phase, StepOutcome } from "./transcript";

/**
 * The same Key Vault scenario through two clients we did not write: @azure/keyvault-secrets (JS) and Debian's
 * azure.keyvault.secrets (Python). Each runs on its own fresh stack, so both see identical vaults and their
 * transcripts must be equal. Transcripts are kept in test-results/conformance/ for inspection.
 */
const RESULTS = join(import.meta.dirname, "../../test-results/conformance");
const PREFIX = "conf-";

type Runner = (stack: FreshStack, phase: Phase) => Promise<StepOutcome[]>;
const runners: Record<"js" | "python", Runner> = {
  js: (stack, phase) => runJsScenario(stack.config(PREFIX), phase),
  python: (stack, phase) => runPythonScenario(stack.config(PREFIX), phase, stack.dataDir),
};

async function transcriptOf(client: keyof typeof runners, stacks: FreshStack[]): Promise<StepOutcome[]> {
  const stack = await startFreshStack(client);
  stacks.push(stack);
  const run = runners[client];
  const steps = await run(stack, "main");
  // 403 without a role assignment: the stand-in has no role-less principal to sign in as, so the automation
  // client loses its only role for one phase and gets it back for the next.
  await stack.setAutomationRole(false);
  steps.push(...await run(stack, "forbidden"));
  await stack.setAutomationRole(true);
  steps.push(...await run(stack, "regranted"));
  await writeFile(join(RESULTS, `kv-transcript-${client}.json`), JSON.stringify(steps, null, 1));
  return steps;
}

describe("Key Vault stand-in through the Azure SDKs (JS and Python)", () => {
  const stacks: FreshStack[] = [];
  const transcripts: Partial<Record<keyof typeof runners, StepOutcome[]>> = {};

  beforeAll(async () => {
    await mkdir(RESULTS, { recursive: true });
    const [js, python] = await Promise.all([transcriptOf("js", stacks), transcriptOf("python", stacks)]);
    Object.assign(transcripts, { js, python });
  }, 300_000);
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
  });

  for (const client of ["js", "python"] as const) {
    describe(client, () => {
      it.each(EXPECTED)("%s", (step, expected, extra) =>
        expectStep(client, transcripts[client]!, step, expected, extra));
      it("ran exactly the scenario's steps, in order", () => {
        expect(transcripts[client]!.map((s) => s.step)).toEqual(EXPECTED.map(([step]) => step));
      });
    });
  }

  it("both clients observed the same outcomes", () => {
    expect(comparable(transcripts.python!)).toEqual(comparable(transcripts.js!));
  });
});
