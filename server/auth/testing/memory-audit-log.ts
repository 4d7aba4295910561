import type { AuditEntry, AuditListInput, AuditPage } from "@/lib/schemas/audit";
import { matches, type AuditLog } from "@/server/audit/audit-log";

/** An in-memory AuditLog for unit tests of routes: `entries` is what was appended, oldest first. */
export function memoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async append(e) {
      entries.push(e);
    },
    async list(input: AuditListInput): Promise<AuditPage> {
      const all = entries.filter((e) => matches(e, input)).reverse();
      return { items: all.slice(0, input.pageSize), nextCursor: null };
    },
  };
}

/** A signed-in operator, for unit tests that mock `authenticate`. */
export const TEST_OPERATOR = {
  kind: "user", id: "00000000-0000-4000-8000-00000000000a", name: "Test Operator",
  tenantId: "00000000-0000-4000-8000-000000000001", roles: ["Secrets.Operator"],
} as const;
