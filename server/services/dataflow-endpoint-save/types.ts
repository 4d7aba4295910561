import "server-only";
import type { SaveOptions } from "@/server/services/endpoint-save/write-steps";
import type { DataflowEndpointDeletePlan, DataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import type { CreateDataflowEndpointBody, UpdateDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";

/**
 * The data flow endpoint save as the routes call it (docs/endpoint-secrets.md). `touched` names every resource a
 * real write touched, by name only, for the audit entry: `keyvault/secrets/<name>`, `secretproviderclasses/<name>`,
 * `secretsyncs/<name>`, `dataflowendpoints/<name>`.
 */
export type SaveDataflowEndpointRequest =
  | ({ mode: "create" } & CreateDataflowEndpointBody)
  | ({ mode: "update" } & UpdateDataflowEndpointBody);

export interface DataflowEndpointSaveService {
  /** Dry run: step 0 only, answers the plan, writes nothing. */
  save(request: SaveDataflowEndpointRequest, o: SaveOptions):
    Promise<{ result: DataflowEndpointSaveResult; touched: string[] }>;
  /** Its synced secrets and which of them nothing else uses (404 for a missing endpoint; 409 for AIO's `default`). */
  planDelete(name: string): Promise<DataflowEndpointDeletePlan>;
  /** Deletes the endpoint, then the named synced secrets that the plan marks deletable (others refused, 409). */
  delete(name: string, o: { deleteSyncedSecrets: string[] }): Promise<{ touched: string[] }>;
}
