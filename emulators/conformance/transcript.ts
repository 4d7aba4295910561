/**
 * The conformance transcript: what each client observed, step by step, as outcomes (never raw bodies or values).
 * The JS runner (kv-scenario.ts) and the Python runner (kv_scenario.py) write the same shape, so two runs of the
 * same scenario against equal stacks must produce equal transcripts.
 */
export type Phase = "main" | "forbidden" | "regranted";

export interface ScenarioConfig {
  vaultUrl: string;          // ends with "/"
  tenantId: string;
  authorityHost: string;     // ends with "/"
  clientId: string;
  clientSecret: string;
  caFile: string;
  prefix: string;            // every secret name the scenario touches starts with it
}

export interface StepOutcome {
  step: string;
  result: "ok" | "error";
  status?: number;           // HTTP status of an error the service returned
  code?: string;             // error.code of the Azure error body
  innerCode?: string;        // error.innererror.code, when the service sent one
  facts?: Record<string, unknown>;
  /** Only for failures that are not service errors (network, TLS, SDK bugs): the exception, to debug with. */
  unexpected?: string;
}

export const SECRET_COUNT = 60;

/** The i-th secret of the scenario; a third carry a content type, a quarter carry tags (see kv_scenario_steps.py). */
export function secretSpec(i: number): { suffix: string; value: string; contentType: string | null; tags: Record<string, string> } {
  return {
    suffix: `s-${String(i).padStart(2, "0")}`,
    value: `value-${i}`,
    contentType: i % 3 === 0 ? "text/plain" : null,
    tags: i % 4 === 0 ? { idx: String(i), kind: "conformance" } : {},
  };
}

/** The challenge's authority: `<authorityHost><tenant>` without doubled or trailing slashes. */
export function expectedAuthority(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, "")}/${tenantId}`;
}
