import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DataflowSecretField } from "@/lib/schemas/dataflow-endpoint-form";
import type { DataflowEndpointObject, SecretSlot, SecretsPlan, SecretsState } from "@/server/services/endpoint-save/model";

/** The data flow endpoint save's own types; the secret part is every endpoint save's (endpoint-save/model.ts). */

/** One secret the endpoint's synced secret holds, with its key (fixed by the method). */
export interface DataflowSlot extends SecretSlot {
  field: DataflowSecretField;
  /** The portal's shared `$ConnectionString` username (Event Hubs, Fabric RTI), not a form field. */
  shared: boolean;
}

export interface SaveState extends SecretsState {
  /** The endpoint being saved as it is now (null when it does not exist). */
  endpoint: DataflowEndpointObject | null;
}

export interface EndpointPlan {
  name: string;
  action: "create" | "update";
  /** The endpoint to update from (step 0's read); null for a create. */
  base: DataflowEndpointObject | null;
  spec: DataflowEndpointSpec;
}

export interface SavePlan extends SecretsPlan {
  endpoint: EndpointPlan;
}
