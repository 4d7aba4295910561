import type { StepOutcome } from "./transcript";

type Facts = Record<string, unknown>;

/** Runs scenario steps one after another and records each outcome; a failing step never stops the run. */
export class Recorder {
  readonly steps: StepOutcome[] = [];

  async step(name: string, run: () => Promise<Facts | void>): Promise<void> {
    try {
      const facts = await run();
      this.steps.push({ step: name, result: "ok", ...(facts ? { facts } : {}) });
    } catch (err) {
      this.steps.push({ step: name, ...errorOutcome(err) });
    }
  }
}

/** A service error as status and Azure error codes; anything else as "unexpected" so the transcripts differ. */
function errorOutcome(err: unknown): Omit<StepOutcome, "step"> {
  // Duck-typed: RestError lives in @azure/core-rest-pipeline, which is only a transitive dependency.
  const rest = err as { name?: string; statusCode?: number; code?: string; details?: unknown };
  if (rest?.name === "RestError" && typeof rest.statusCode === "number") {
    const details = rest.details as { error?: { code?: string; innerError?: { code?: string } } } | undefined;
    const innerCode = details?.error?.innerError?.code;
    return { result: "error", status: rest.statusCode, ...(rest.code ? { code: rest.code } : {}),
      ...(innerCode ? { innerCode } : {}) };
  }
  return { result: "error", unexpected: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

