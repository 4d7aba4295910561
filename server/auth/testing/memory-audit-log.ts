import type { AuditListInput, AuditPage, AuditRecord } from "@/lib/schemas/audit";
import { createActivityIndex } from "@/server/audit/activity-index";
import type { AuditLog } from "@/server/audit/audit-log";

/**
 * An in-memory AuditLog for unit tests of routes: `entries` is what was appended, oldest first. Set `refuse` to a
 * predicate to break the store: a record it matches is rejected (as a full disk or an unreachable store would).
 */
export function memoryAuditLog(): AuditLog & {
  entries: AuditRecord[]; refuse: ((r: AuditRecord) => boolean) | null; clear: () => void;
} {
  const index = createActivityIndex();
  const entries: AuditRecord[] = [];
  const log = {
    entries,
    refuse: null as ((r: AuditRecord) => boolean) | null,
    async append(r: AuditRecord) {
      if (log.refuse?.(r)) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      entries.push(r);
      index.add(r);
    },
    clear() {
      entries.length = 0;
      index.clear();
      log.refuse = null;
    },
    async list(input: AuditListInput): Promise<AuditPage> {
      return index.page(input);
    },
  };
  return log;
}

/** A signed-in operator, for unit tests that mock `authenticate`. */
export const TEST_OPERATOR = {
  kind: "user", id: "00000000-0000-4000-8000-00000000000a", name: "Test Operator",
  tenantId: "00000000-0000-4000-8000-000000000001", roles: ["Secrets.Operator"],
} as const;
