import "server-only";
import type { AuditListInput, AuditPage, AuditRecord } from "@/lib/schemas/audit";

/**
 * Where audit records go. One interface, so a deployment can swap the store: locally an append-only JSONL file
 * (file-audit-log.ts); for several replicas, a shared store (see README, "Audit log").
 */
export interface AuditLog {
  /** Resolves once the record is durable (fsync'd for the file store); rejects when it may not be. */
  append(record: AuditRecord): Promise<void>;
  /** Writes newest first (an intent joined with its outcome: activity-index.ts), filtered, one page at a time. */
  list(input: AuditListInput): Promise<AuditPage>;
}
