import "server-only";
import type { AuditEntry, AuditListInput, AuditPage } from "@/lib/schemas/audit";

/**
 * Where audit entries go. One interface, so a deployment can swap the store: locally an append-only JSONL file
 * (file-audit-log.ts); for several replicas, a shared store (see README, "Audit log").
 */
export interface AuditLog {
  /** Resolves once the entry is durable (fsync'd for the file store). */
  append(entry: AuditEntry): Promise<void>;
  /** Entries newest first, filtered, one page at a time. */
  list(input: AuditListInput): Promise<AuditPage>;
}

export type AuditFilter = Omit<AuditListInput, "cursor" | "pageSize">;

/** Whether an entry passes the Activity page's filters. */
export function matches(e: AuditEntry, f: AuditFilter): boolean {
  if (f.user) {
    const u = f.user.toLowerCase();
    if (e.actor.oid.toLowerCase() !== u && !e.actor.name.toLowerCase().includes(u)) return false;
  }
  if (f.action && !e.action.toLowerCase().includes(f.action.toLowerCase())) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  const t = Date.parse(e.time);
  if (f.from && t < Date.parse(f.from)) return false;
  if (f.to && t > Date.parse(f.to)) return false;
  return true;
}
