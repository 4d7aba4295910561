import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditIntent, AuditOutcome, AuditResult } from "@/lib/schemas/audit";
import type { Principal } from "@/server/auth/principal";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import type { AuditLog } from "./audit-log";

/**
 * How `route()` records writes. A write that will run its handler is recorded twice: {@link recordIntent} before
 * (if the store cannot take it, the request is answered 503 and nothing is changed) and {@link recordOutcome} after
 * (if the store cannot take that, the intent stands as "outcome unknown" and the entry is in the error log). A
 * write that never reached its handler (a refusal, a request that did not validate, a failed dry run) changed
 * nothing: {@link recordWrite} records it as one complete entry.
 */

/** What a route says about its writes in `route({ audit: … })`. */
export interface AuditSpec<P = unknown, B = unknown, Q = unknown> {
  /** e.g. `key-vault-secret.create`; default `<METHOD> <path>`. */
  action?: string;
  /** Names or paths of what the write is about, from the parsed params; in every entry of the write. */
  resources?: (params: P) => string[];
  /**
   * What else the validated request names, for the intent: resource names in the body or query (the device's
   * Key Vault secrets, its synced secrets…). Names only: never a value.
   */
  intent?: (params: P, body: B, query: Q) => string[];
  /**
   * A request about several resources at once (a bulk delete): one intent and one outcome per name `intent` lists,
   * each with its own result, which the handler reports with `RouteInput.itemOutcome`; a name it reports nothing for
   * takes the answer's status.
   */
  each?: true;
}

/** Who can be named in the audit log: a signed-in person or application. */
export type AuditedPrincipal = Exclude<Principal, { kind: "anonymous" }>;

interface WriteRequest<Who extends Principal = AuditedPrincipal> {
  request: Request;
  requestId: string;
  principal: Who;
  /** Parsed params, when they parsed. */
  params: unknown;
}

/** A write about to run its handler: every part of the request validated. */
export interface ValidWriteRequest extends WriteRequest {
  body: unknown;
  query: unknown;
}

export interface WriteOutcome<Who extends Principal = AuditedPrincipal> extends WriteRequest<Who> {
  /** What the handler said it touched (`devices/<name>`, `keyvault/secrets/<name>`…), by name only. */
  touched?: readonly string[];
  status: number;
  failure?: AppError;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isWrite(method: string): boolean {
  return !READS.has(method.toUpperCase());
}

/**
 * `?dryRun=All` as the route's query schema parsed it: the handler writes nothing, so no intent is recorded.
 * Reading the parsed query, not the URL, means a route that does not know `dryRun` (its schema strips it) records
 * every write.
 */
export function isDryRun(parsedQuery: unknown): boolean {
  const dryRun = typeof parsedQuery === "object" && parsedQuery !== null
    ? (parsedQuery as { dryRun?: unknown }).dryRun : undefined;
  return dryRun === "All";
}

/** A dry run the portal answered with 2xx changed nothing and refused nothing: it is not audited at all. */
export function isPermittedDryRun(parsedQuery: unknown, status: number): boolean {
  return isDryRun(parsedQuery) && status >= 200 && status < 300;
}

/**
 * Appends the intent of a write about to run. Throws a 503 `audit-unavailable` AppError when the store does not
 * take it: the caller must then not run the handler.
 */
export async function recordIntent(store: AuditLog, spec: AuditSpec | undefined, w: ValidWriteRequest): Promise<AuditIntent> {
  const intent: AuditIntent = {
    ...common(spec, w, intentNames(spec, w)),
    phase: "intent",
  };
  try {
    await store.append(intent);
  } catch (err) {
    log().error({ err, audit: intent }, "audit log: could not record the intent of a write; the write was not run");
    throw new AppError("audit-unavailable",
      "The audit log is unavailable, so nothing was changed. Retry shortly; an administrator can check the audit store.");
  }
  // Also on stdout: a cluster's log collection (e.g. Container Insights) then keeps every replica's entries centrally.
  log().info({ audit: intent }, "audit");
  return intent;
}

/** Appends how the write of `intent` ended. Never throws: the write happened (or failed) either way. */
export async function recordOutcome(store: AuditLog, spec: AuditSpec | undefined, intent: AuditIntent, w: WriteOutcome): Promise<void> {
  const result: AuditResult = {
    ...common(spec, w, [...paramsResources(spec, w), ...(w.touched ?? [])]),
    phase: "outcome",
    intentId: intent.id,
    ...resultOf(w),
  };
  log().info({ audit: result }, "audit");
  try {
    await store.append(result);
  } catch (err) {
    log().error({ err, audit: result },
      "audit log: could not record the outcome of a write; its intent stands as outcome unknown, this line is the outcome");
  }
}

/**
 * Appends the one entry of a write that never reached its handler. Unauthenticated attempts (401) are not audited
 * (no one to name, and anyone could fill the disk with them); they are in the request log. A failed append is
 * logged loudly: nothing was changed, so the answer stands.
 */
export async function recordWrite(store: AuditLog, spec: AuditSpec | undefined, w: WriteOutcome<Principal>): Promise<void> {
  const { principal } = w;
  if (principal.kind === "anonymous") return;
  const named = { ...w, principal };
  const entry: AuditEntry = { ...common(spec, named, [...paramsResources(spec, w), ...(w.touched ?? [])]), ...resultOf(w) };
  log().info({ audit: entry }, "audit");
  try {
    await store.append(entry);
  } catch (err) {
    log().error({ err, audit: entry }, "audit log: could not record a write that changed nothing");
  }
}

function common(spec: AuditSpec | undefined, w: WriteRequest, names: readonly string[]) {
  const resources = [...new Set(names)];
  return {
    id: randomUUID(),
    time: new Date().toISOString(),
    requestId: w.requestId,
    actor: { oid: w.principal.id, name: w.principal.name, kind: w.principal.kind },
    action: spec?.action ?? `${w.request.method} ${new URL(w.request.url).pathname}`,
    // The request path stands in only when nothing else names the resource.
    resources: resources.length > 0 ? resources : [new URL(w.request.url).pathname],
  };
}

/** The names an `each` route records one entry for: what its `intent` reads from the request. */
export function intentNamesOf(spec: AuditSpec, w: ValidWriteRequest): string[] {
  return [...new Set(intentNames({ intent: spec.intent }, w))];
}

/** The params-derived names first, then what the route's `intent` reads from the body and query. */
function intentNames(spec: AuditSpec | undefined, w: ValidWriteRequest): string[] {
  const named = paramsResources(spec, w);
  if (spec?.intent) {
    try {
      named.push(...spec.intent(w.params, w.body, w.query));
    } catch {
      // the params-derived names, or the path
    }
  }
  return named;
}

function paramsResources(spec: AuditSpec | undefined, w: WriteRequest<Principal>): string[] {
  if (!spec?.resources || w.params === undefined) return [];
  try {
    return spec.resources(w.params);
  } catch {
    return [];
  }
}

function resultOf(w: WriteOutcome<Principal>): Pick<AuditEntry, "outcome" | "status" | "problem" | "upstreamCode"> {
  return {
    outcome: outcomeOf(w),
    status: w.status,
    ...(w.failure && { problem: w.failure.kind }),
    ...(w.failure?.upstream && { upstreamCode: w.failure.upstream.code }),
  };
}

function outcomeOf(w: WriteOutcome<Principal>): AuditOutcome {
  if (w.failure?.kind === "forbidden") return "denied";
  return w.status < 400 ? "succeeded" : "failed";
}
