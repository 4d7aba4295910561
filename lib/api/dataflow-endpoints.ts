import {
  dataflowEndpointDeletePlan, dataflowEndpointDetail, dataflowEndpointList, dataflowEndpointSaveResult,
  type DataflowEndpointDeletePlan, type DataflowEndpointDetail, type DataflowEndpointList, type DataflowEndpointSaveResult,
} from "@/lib/schemas/dataflow-endpoint-api";
import type { CreateDataflowEndpointBody, UpdateDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";
import { apiFetch, apiUrl } from "./client";

/**
 * The data flow endpoints API. Save bodies may carry new secret values (Create new secret): they go in the request
 * body only, never in the URL, and no answer ever carries one back.
 */

const endpointPath = (name: string) => `/api/dataflow-endpoints/${encodeURIComponent(name)}`;

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function listDataflowEndpoints(signal?: AbortSignal): Promise<DataflowEndpointList> {
  return apiFetch("/api/dataflow-endpoints", (json) => dataflowEndpointList.parse(json), { signal });
}

export function getDataflowEndpoint(name: string, signal?: AbortSignal): Promise<DataflowEndpointDetail> {
  return apiFetch(endpointPath(name), (json) => dataflowEndpointDetail.parse(json), { signal });
}

/** `POST /api/dataflow-endpoints`; with `dryRun` the server only answers what the save would write (the review). */
export function createDataflowEndpoint(body: CreateDataflowEndpointBody, o: { dryRun: boolean }): Promise<DataflowEndpointSaveResult> {
  return apiFetch(apiUrl("/api/dataflow-endpoints", { dryRun: o.dryRun ? "All" : null }),
    (json) => dataflowEndpointSaveResult.parse(json), jsonInit("POST", body));
}

/** `PUT /api/dataflow-endpoints/{name}` with the resourceVersion the form loaded (409 when it changed since). */
export function updateDataflowEndpoint(name: string, body: UpdateDataflowEndpointBody, o: { dryRun: boolean }): Promise<DataflowEndpointSaveResult> {
  return apiFetch(apiUrl(endpointPath(name), { dryRun: o.dryRun ? "All" : null }),
    (json) => dataflowEndpointSaveResult.parse(json), jsonInit("PUT", body));
}

/** What deleting the endpoint would offer: its synced secret, and whether nothing else uses it. Writes nothing. */
export function getDataflowEndpointDeletePlan(name: string, signal?: AbortSignal): Promise<DataflowEndpointDeletePlan> {
  return apiFetch(apiUrl(endpointPath(name), { dryRun: "All" }), (json) => dataflowEndpointDeletePlan.parse(json),
    { method: "DELETE", signal });
}

/** Deletes the endpoint and the named synced secrets (those the plan marks deletable); Key Vault is untouched. */
export function deleteDataflowEndpoint(name: string, deleteSyncedSecrets: readonly string[]): Promise<void> {
  return apiFetch(apiUrl(endpointPath(name), { deleteSyncedSecrets: deleteSyncedSecrets.join(",") }), () => undefined,
    { method: "DELETE" });
}
