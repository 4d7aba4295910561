import "server-only";
import { resolve } from "node:path";
import { getConfig } from "@/server/config/env";
import { log } from "@/server/log";
import type { AuditLog } from "./audit-log";
import { createFileAuditLog } from "./file-audit-log";

// One audit log per process: Next bundles each route apart, so it lives on globalThis (like server/wiring.ts).
const KEY = Symbol.for("ops-portal.audit-log");
type Holder = { [KEY]?: AuditLog };

/** The process's audit log (AUDIT_LOG_FILE). Swap the store here for a multi-replica deployment. */
export function auditLog(): AuditLog {
  const g = globalThis as Holder;
  g[KEY] ??= createFileAuditLog(resolve(getConfig().audit.file), (line) =>
    log().warn({ line, file: getConfig().audit.file }, "audit log: skipped an unreadable line"));
  return g[KEY];
}
