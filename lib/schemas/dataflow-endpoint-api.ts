import { z } from "zod";
import type { DataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-form";
import { deviceDeleteQuery, deviceList, deviceSavePlan, endpointSyncState } from "@/lib/schemas/device-api";
import type { ExistingSecretReference, SecretReference } from "@/lib/schemas/secret-reference";

/**
 * What the data flow endpoints API answers. No value field anywhere: references come back as `existing` (a Key
 * Vault name), and the review shows names and YAML without values.
 */

/** One row of the Data flow endpoints page. */
export const dataflowEndpointRow = z.object({
  name: z.string(),
  endpointType: z.string(),
  hostType: z.string().nullable(),
  /** Type and host type in words, e.g. "Kafka · Azure Event Hubs". */
  typeLabel: z.string(),
  /** `host` of its settings block (LocalStorage: the persistent volume claim), "" when it has none. */
  host: z.string(),
  /** `authentication.method` ("" for LocalStorage, which has none). */
  authenticationMethod: z.string(),
  /** The synced secret its `secretRef` names (null when its method has none). */
  syncedSecretName: z.string().nullable(),
  sync: endpointSyncState.nullable(),
  /** False for AIO's own `default` endpoint (it can be edited, never deleted). */
  deletable: z.boolean(),
});
export type DataflowEndpointRow = z.infer<typeof dataflowEndpointRow>;

export const dataflowEndpointList = z.object({
  items: z.array(dataflowEndpointRow),
  /** Secret sync enabled: the instance has a default SecretProviderClass. Else secret fields are disabled. */
  secretSync: deviceList.shape.secretSync,
});
export type DataflowEndpointList = z.infer<typeof dataflowEndpointList>;

/** The form's values with every reference an `existing` one (what the edit form loads). */
type ExistingOnly<T> = T extends SecretReference ? ExistingSecretReference
  : T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]: ExistingOnly<T[K]> } : T;
export type DataflowEndpointFormValues = ExistingOnly<DataflowEndpointForm>;

/** Nothing that reads back carries a secret value: no `value` and no `new` reference anywhere. */
function holdsNoValue(v: unknown, depth = 0): boolean {
  if (depth > 8 || v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.every((x) => holdsNoValue(x, depth + 1));
  const o = v as Record<string, unknown>;
  if ("value" in o || o.source === "new") return false;
  return Object.values(o).every((x) => holdsNoValue(x, depth + 1));
}

/** `GET /api/dataflow-endpoints/{name}`: the form's values (references as Key Vault names), and what the form must know. */
export const dataflowEndpointDetail = z.object({
  name: z.string(),
  resourceVersion: z.string(),
  /**
   * The form's values, read from the resource (the same shape as the form, `existing` references only). Fields the
   * resource lacks get the form's defaults; settings the form does not show are not here and are kept on save.
   */
  values: z.custom<DataflowEndpointFormValues>((v) => v !== null && typeof v === "object" && holdsNoValue(v),
    "values must be form values without secret values"),
  /** Why the form cannot show this endpoint as it is (e.g. a method or type the form does not offer), else null. */
  notEditable: z.string().nullable(),
  sync: endpointSyncState.nullable(),
  /** Keys of its synced secret that could not be resolved to a Key Vault secret. */
  unresolved: z.array(z.object({ field: z.string(), reference: z.string(), reason: z.string() })),
  /** False for AIO's own `default` endpoint; `deleteRefusal` says why. */
  deletable: z.boolean(),
  deleteRefusal: z.string().nullable(),
  /** The resource's status (ARM's provisioningState and healthState), when the cluster reports one. */
  provisioningState: z.string().nullable(),
  healthState: z.string().nullable(),
  secretSync: deviceList.shape.secretSync,
});
export type DataflowEndpointDetail = z.infer<typeof dataflowEndpointDetail>;

/** What a save writes (the review with `?dryRun=All`, and a real save's answer): the device plan's shape. */
export const dataflowEndpointSavePlan = deviceSavePlan.omit({ device: true }).extend({
  dataflowEndpoint: z.object({ name: z.string(), action: z.enum(["create", "update"]), yaml: z.string() }),
});
export type DataflowEndpointSavePlan = z.infer<typeof dataflowEndpointSavePlan>;

export const dataflowEndpointSaveResult = z.object({
  dryRun: z.boolean(),
  plan: dataflowEndpointSavePlan,
  /** After a real save: the endpoint's new resourceVersion (the form's next PUT sends it). */
  resourceVersion: z.string().nullable(),
});
export type DataflowEndpointSaveResult = z.infer<typeof dataflowEndpointSaveResult>;

/** `DELETE /api/dataflow-endpoints/{name}?dryRun=All`: its synced secret, and whether nothing else uses it. */
export const dataflowEndpointDeletePlan = z.object({
  endpoint: z.string(),
  syncedSecrets: z.array(z.object({
    name: z.string(),
    /** Deletable with the endpoint: portal-made, not system, and no other endpoint uses it. */
    deletable: z.boolean(),
    /** Why not, in words (e.g. "also used by data flow endpoint 'x'", "not created by the portal"). */
    reason: z.string().nullable(),
  })),
});
export type DataflowEndpointDeletePlan = z.infer<typeof dataflowEndpointDeletePlan>;

/** `DELETE /api/dataflow-endpoints/{name}` query: `?dryRun=All`, and `deleteSyncedSecrets=a,b` (those the plan marks deletable). */
export const dataflowEndpointDeleteQuery = deviceDeleteQuery;
