import { auditPage, type AuditOutcome, type AuditPage } from "@/lib/schemas/audit";
import { apiFetch, apiUrl } from "./client";

export interface ActivityFilters {
  user: string;
  action: string;
  outcome: AuditOutcome | "";
  /** ISO date-times; empty = unbounded. */
  from: string;
  to: string;
  cursor: string;
  pageSize: number;
}

export function listActivity(f: ActivityFilters, signal?: AbortSignal): Promise<AuditPage> {
  return apiFetch(apiUrl("/api/activity", { ...f }), (json) => auditPage.parse(json), { signal });
}
