import type { IncomingMessage } from "node:http";
import { KubeError, type StatusCause } from "./status";
import type { PropagationPolicy, WriteOptions } from "./store-types";

/**
 * Query and body options of the write verbs, validated as kube-apiserver validates CreateOptions, UpdateOptions,
 * PatchOptions and DeleteOptions: a bad value is 422 Invalid on `<Kind>Options.meta.k8s.io ""`, naming the field.
 */
type OptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions" | "DeleteOptions";

function optionsInvalid(kind: OptionsKind, causes: StatusCause[]): KubeError {
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  return new KubeError(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`}`,
    { group: "meta.k8s.io", kind, causes });
}

const goStrings = (values: string[]) => `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`;

function dryRunCauses(values: string[]): StatusCause[] {
  return values.some((d) => d !== "All")
    ? [{ reason: "FieldValueNotSupported", field: "dryRun", message: `Unsupported value: ${goStrings(values)}: supported values: "All"` }]
    : [];
}

export interface ParsedWriteOptions extends WriteOptions { fieldManager: string; warnings: string[]; force?: boolean }

/** fieldManager (default: the user agent's program, as the API server does), fieldValidation, dryRun (, force). */
export function writeOptions(req: IncomingMessage, q: URLSearchParams, kind: Exclude<OptionsKind, "DeleteOptions">,
  o: { apply?: boolean } = {}): ParsedWriteOptions {
  const causes: StatusCause[] = [];
  const validation = q.get("fieldValidation") ?? undefined;
  if (validation !== undefined && !["Strict", "Warn", "Ignore"].includes(validation)) {
    causes.push({ reason: "FieldValueNotSupported", field: "fieldValidation",
      message: `Unsupported value: ${JSON.stringify(validation)}: supported values: "Ignore", "Strict", "Warn"` });
  }
  const dryRun = q.getAll("dryRun");
  causes.push(...dryRunCauses(dryRun));
  const explicit = q.get("fieldManager") ?? "";
  const force = q.get("force");
  if (kind === "PatchOptions" && !o.apply && force !== null) {
    causes.push({ reason: "FieldValueForbidden", field: "force", message: "Forbidden: may not be specified for non-apply patch" });
  }
  if (o.apply && explicit === "") {
    causes.push({ reason: "FieldValueRequired", field: "fieldManager", message: "Required value: is required for apply patch" });
  }
  const manager = explicit || req.headers["user-agent"]?.split("/")[0] || "unknown";
  if (manager.length > 128) causes.push({ reason: "FieldValueTooLong", field: "fieldManager", message: "Too long: may not be more than 128 bytes" });
  if (causes.length > 0) throw optionsInvalid(kind, causes);
  return {
    fieldManager: manager, dryRun: dryRun.length > 0, warnings: [],
    ...(validation ? { fieldValidation: validation as WriteOptions["fieldValidation"] } : {}),
    ...(o.apply ? { force: force === "true" || force === "1" } : {}),
  };
}

export interface ParsedDeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
  propagationPolicy?: PropagationPolicy;
  /** `orphanDependents: false` was given: a deletion left pending is answered 202. */
  legacyNoOrphan: boolean;
}

const POLICIES = ["Foreground", "Background", "Orphan"];

/** DeleteOptions from the body (kubectl sends `{"propagationPolicy":"Background"}`) and the query. */
export function deleteOptions(q: URLSearchParams, body: unknown): ParsedDeleteOptions {
  const b = (typeof body === "object" && body !== null ? body : {}) as {
    preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: unknown; propagationPolicy?: unknown; orphanDependents?: unknown;
  };
  const causes: StatusCause[] = [];
  const dryRun = [...q.getAll("dryRun"), ...(Array.isArray(b.dryRun) ? b.dryRun.map(String) : [])];
  causes.push(...dryRunCauses(dryRun));
  const policy = q.get("propagationPolicy") ?? (typeof b.propagationPolicy === "string" ? b.propagationPolicy : undefined);
  if (policy !== undefined && !POLICIES.includes(policy)) {
    causes.push({ reason: "FieldValueNotSupported", field: "propagationPolicy",
      message: `Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"` });
  }
  const orphanText = q.get("orphanDependents");
  const orphan = orphanText !== null ? orphanText === "true" || orphanText === "1" : typeof b.orphanDependents === "boolean" ? b.orphanDependents : undefined;
  if (orphan !== undefined && policy !== undefined) {
    causes.push({ reason: "FieldValueForbidden", field: "propagationPolicy", message: "Forbidden: orphanDependents and deletionPropagation cannot be both set" });
  }
  if (causes.length > 0) throw optionsInvalid("DeleteOptions", causes);
  const propagationPolicy = (policy ?? (orphan === true ? "Orphan" : orphan === false ? "Background" : undefined)) as PropagationPolicy | undefined;
  return {
    ...(b.preconditions ? { preconditions: b.preconditions } : {}), dryRun: dryRun.length > 0,
    ...(propagationPolicy ? { propagationPolicy } : {}), legacyNoOrphan: orphan === false,
  };
}
