import { z } from "zod";
import { existingSecretReference } from "@/lib/schemas/secret-reference";

/**
 * What the devices API answers. No value field anywhere: references come back as `existing` (a Key Vault name),
 * and the review shows names and YAML without values.
 */

/**
 * Sync state of one synced secret, as the devices and Secrets pages show it:
 * - `failed`: a condition is False or Unknown (failed wins);
 * - `syncing`: the SecretSync has no status yet, or the portal asked for a sync (annotation) later than the newest
 *   condition time and `lastSuccessfulSyncTime`. After 60 s without a newer status, `noAnswerSince` is set and
 *   `lastKnown` says what the status showed before;
 * - `synced`: otherwise.
 * `missing`: the endpoint names a synced secret that does not exist.
 */
export const endpointSyncState = z.discriminatedUnion("state", [
  z.object({ state: z.literal("synced"), lastSuccessfulSyncTime: z.string().nullable() }),
  z.object({
    state: z.literal("failed"),
    reason: z.string().nullable(),
    /** The controller's message, or the reason in words when it sent none. */
    message: z.string().nullable(),
    since: z.string().nullable(),
    lastSuccessfulSyncTime: z.string().nullable(),
  }),
  z.object({
    state: z.literal("syncing"),
    requestedAt: z.string().nullable(),
    noAnswerSince: z.string().nullable(),
    lastKnown: z.enum(["synced", "failed", "none"]),
  }),
  z.object({ state: z.literal("missing") }),
]);
export type EndpointSyncState = z.infer<typeof endpointSyncState>;

/** One row of the Devices page: one inbound endpoint of one device. */
export const deviceEndpointRow = z.object({
  device: z.string(),
  deviceEnabled: z.boolean(),
  endpoint: z.string(),
  address: z.string(),
  endpointType: z.string(),
  authenticationMethod: z.string(),
  /** The synced secret its references name (null when it has none). */
  syncedSecretName: z.string().nullable(),
  sync: endpointSyncState.nullable(),
  /** The edge's own error for this endpoint (device status), in words. */
  edgeError: z.string().nullable(),
});
export type DeviceEndpointRow = z.infer<typeof deviceEndpointRow>;

/** A device without endpoints still gets one row (endpoint fields empty), so it can be found and edited. */
export const deviceList = z.object({
  items: z.array(deviceEndpointRow),
  /** Secret sync enabled: the instance has a default SecretProviderClass. Else secret fields are disabled. */
  secretSync: z.object({ enabled: z.boolean(), defaultSecretProviderClass: z.string().nullable(), reason: z.string().nullable() }),
});
export type DeviceList = z.infer<typeof deviceList>;

const formReference = existingSecretReference.nullable();

/** `GET /api/devices/{name}`: the form's values (references as Key Vault names), and what the form must know. */
export const deviceDetail = z.object({
  name: z.string(),
  resourceVersion: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  enabled: z.boolean(),
  endpoints: z.array(z.object({
    name: z.string(),
    endpointType: z.string(),
    address: z.string(),
    version: z.string(),
    additionalConfiguration: z.string(),
    trustList: formReference,
    authentication: z.discriminatedUnion("method", [
      z.object({ method: z.literal("Anonymous") }),
      z.object({ method: z.literal("UsernamePassword"), username: formReference, password: formReference }),
      z.object({ method: z.literal("Certificate"), certificate: formReference, key: formReference, intermediateCertificates: formReference }),
    ]),
    syncedSecretName: z.string(),
    sync: endpointSyncState.nullable(),
    /** References that could not be resolved to a Key Vault secret (e.g. `foo/username` with no SecretSync key). */
    unresolved: z.array(z.object({ field: z.string(), reference: z.string(), reason: z.string() })),
    edgeError: z.string().nullable(),
  })),
  secretSync: deviceList.shape.secretSync,
});
export type DeviceDetail = z.infer<typeof deviceDetail>;

/** What a save writes (the review with `?dryRun=All`, and the answer of a real save). Names and YAML only. */
export const deviceSavePlan = z.object({
  /** Key Vault secrets to create (Create new secret). */
  vaultSecretsToCreate: z.array(z.string()),
  secretProviderClass: z.object({
    name: z.string(),
    objectsToAdd: z.array(z.string()),
    /** Objects no SecretSync has mapped for the grace period: removed by this save. */
    objectsToRemove: z.array(z.string()),
  }),
  secretSyncs: z.array(z.object({
    name: z.string(),
    action: z.enum(["create", "update", "delete", "unchanged"]),
    keysAdded: z.array(z.string()),
    keysRemoved: z.array(z.string()),
    /** The SecretSync as it will be written (no status, no managedFields). */
    yaml: z.string(),
  })),
  device: z.object({ name: z.string(), action: z.enum(["create", "update"]), yaml: z.string() }),
});
export type DeviceSavePlan = z.infer<typeof deviceSavePlan>;

export const deviceSaveResult = z.object({
  dryRun: z.boolean(),
  plan: deviceSavePlan,
  /** After a real save: the Device's new resourceVersion (the form's next PUT sends it). */
  resourceVersion: z.string().nullable(),
});
export type DeviceSaveResult = z.infer<typeof deviceSaveResult>;

/** `DELETE /api/devices/{name}?dryRun=All`: the device's synced secrets, and which of them nothing else uses. */
export const deviceDeletePlan = z.object({
  device: z.string(),
  syncedSecrets: z.array(z.object({
    name: z.string(),
    /** Deletable with the device: portal-made, not system, and no other device or endpoint uses it. */
    deletable: z.boolean(),
    /** Why not, in words (e.g. "also used by device 'x'", "not created by the portal"). */
    reason: z.string().nullable(),
  })),
});
export type DeviceDeletePlan = z.infer<typeof deviceDeletePlan>;

/** `DELETE /api/devices/{name}` query: which synced secrets to delete with it (those the plan marks deletable). */
export const deviceDeleteQuery = z.object({
  dryRun: z.literal("All", { message: "Use dryRun=All" }).optional(),
  deleteSyncedSecrets: z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z.array(z.string().max(253)).max(50).default([])),
});

/** `GET /api/key-vault/secrets/{name}/availability`: may *Create new secret* use this name? (Asks the vault itself.) */
export const secretNameAvailability = z.object({
  name: z.string(),
  state: z.enum(["available", "exists", "deleted"]),
  /** In words, for the dialog (points to *Add from Azure Key Vault* / says the name is held by a deleted secret). */
  message: z.string().nullable(),
});
export type SecretNameAvailability = z.infer<typeof secretNameAvailability>;
