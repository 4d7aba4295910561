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
  status: number;
  failure?: AppError;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isWrite(method: string): boolean {
  return !READS.has(method.toUpperCase());
}

/**
 * Appends the entry for one write. Unauthenticated attempts (401) are not audited (no one to name, and anyone
 * could fill the disk with them); they are in the request log. A failed append is logged loudly but does not turn
 * a write that happened into an error.
 */
export async function recordWrite(store: AuditLog, spec: AuditSpec | undefined, w: WriteOutcome): Promise<void> {
  if (w.principal.kind === "anonymous") return;
  const path = new URL(w.request.url).pathname;
  let resources = [path];
  if (spec?.resources && w.params !== undefined) {
    try {
      resources = spec.resources(w.params);
    } catch {
      // keep the path
    }
  }
  const entry: AuditEntry = {
    id: randomUUID(),
    time: new Date().toISOString(),
    requestId: w.requestId,
    actor: { oid: w.principal.id, name: w.principal.name, kind: w.principal.kind },
    action: spec?.action ?? `${w.request.method} ${path}`,
    resources,
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

function outcomeOf(w: WriteOutcome): AuditOutcome {
  if (w.failure?.kind === "forbidden") return "denied";
  return w.status < 400 ? "succeeded" : "failed";
}
