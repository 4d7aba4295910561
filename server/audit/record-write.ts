import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditOutcome } from "@/lib/schemas/audit";
import type { Principal } from "@/server/auth/principal";
import type { AppError } from "@/server/errors";
import { log } from "@/server/log";
import type { AuditLog } from "./audit-log";

/** What a route says about its writes in `route({ audit: … })`. */
export interface AuditSpec<P = unknown> {
  /** e.g. `key-vault-secret.create`; default `<METHOD> <path>`. */
  action?: string;
  /** Names or paths of what the write touches, from the parsed params (never the body: it may hold a value). */
  resources?: (params: P) => string[];
}

export interface WriteOutcome {
  request: Request;
  requestId: string;
  principal: Principal;
  /** Parsed params, when they parsed. */
  params: unknown;
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
 * A dry run (`?dryRun=All`, as the route's query schema parsed it) that the portal answered with 2xx changed
 * nothing, so it is not audited. Reading the parsed query, not the URL, means a route that does not know
 * `dryRun` (its schema strips it) still audits every write. A refused dry run (403) never gets this far.
 */
export function isPermittedDryRun(parsedQuery: unknown, status: number): boolean {
  const dryRun = typeof parsedQuery === "object" && parsedQuery !== null
    ? (parsedQuery as { dryRun?: unknown }).dryRun : undefined;
  return dryRun === "All" && status >= 200 && status < 300;
}

/**
 * Appends the entry for one write. Unauthenticated attempts (401) are not audited (no one to name, and anyone
 * could fill the disk with them); they are in the request log. A failed append is logged loudly but does not turn
 * a write that happened into an error.
 */
export async function recordWrite(store: AuditLog, spec: AuditSpec | undefined, w: WriteOutcome): Promise<void> {
  if (w.principal.kind === "anonymous") return;
  const entry: AuditEntry = {
    id: randomUUID(),
    time: new Date().toISOString(),
    requestId: w.requestId,
    actor: { oid: w.principal.id, name: w.principal.name, kind: w.principal.kind },
    action: spec?.action ?? `${w.request.method} ${new URL(w.request.url).pathname}`,
    resources: resourcesOf(spec, w),
    outcome: outcomeOf(w),
    status: w.status,
    ...(w.failure && { problem: w.failure.kind }),
    ...(w.failure?.upstream && { upstreamCode: w.failure.upstream.code }),
  };
  // Also on stdout: a cluster's log collection (e.g. Container Insights) then keeps every replica's entries centrally.
  log().info({ audit: entry }, "audit");
  try {
    await store.append(entry);
  } catch (err) {
    log().error({ err, requestId: w.requestId, action: entry.action }, "audit log: could not record a write");
  }
}

/**
 * The params-derived names first, then what the handler touched (a save names every Key Vault secret, class,
 * SecretSync and device it wrote). The request path stands in only when nothing else names the resource.
 */
function resourcesOf(spec: AuditSpec | undefined, w: WriteOutcome): string[] {
  let named: string[] = [];
  if (spec?.resources && w.params !== undefined) {
    try {
      named = spec.resources(w.params);
    } catch {
      // fall back on the touched names, or the path
    }
  }
  const all = [...new Set([...named, ...(w.touched ?? [])])];
  return all.length > 0 ? all : [new URL(w.request.url).pathname];
}

function outcomeOf(w: WriteOutcome): AuditOutcome {
  if (w.failure?.kind === "forbidden") return "denied";
  return w.status < 400 ? "succeeded" : "failed";
}
