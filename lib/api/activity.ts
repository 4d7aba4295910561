import { auditPage, type ActivityFilter, type AuditPage } from "@/lib/schemas/audit";
import { apiFetch, apiUrl } from "./client";

/** Where a page starts (`""`: the newest) and how many items it holds. */
export interface ActivityPageRequest {
  cursor: string;
  pageSize: number;
}

export function listActivity(filter: ActivityFilter, page: ActivityPageRequest, signal?: AbortSignal): Promise<AuditPage> {
  return apiFetch(apiUrl("/api/activity", { ...filter, ...page }), (json) => auditPage.parse(json), { signal });
}
