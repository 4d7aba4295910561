import { z } from "zod";
import { kubeObjectName } from "@/lib/schemas/kube-metadata";

/**
 * The Secrets page's rows: each SecretSync of the instance's namespace joined with its Kubernetes Secret (metadata
 * only), the Devices and DataflowEndpoints that reference it, and its sync state. There is deliberately no value
 * field anywhere: a synced secret's values stay in Key Vault and the cluster.
 */

/** Who references a synced secret, and where (e.g. `inbound endpoint 'opcua' · password`). */
export const syncedSecretUser = z.object({
  kind: z.enum(["Device", "DataflowEndpoint"]),
  name: z.string(),
  /** Where in the object's spec, in words the operator can look for. */
  via: z.string(),
  /** The key referenced (`<synced secret>/<key>` of a device); null for a whole-Secret `secretRef`. */
  key: z.string().nullable(),
});
export type SyncedSecretUser = z.infer<typeof syncedSecretUser>;

/** From the SecretSync's status: any condition False fails it, whatever its type (domain.md §2.2). */
export const syncState = z.discriminatedUnion("state", [
  z.object({ state: z.literal("synced"), lastSuccessfulSyncTime: z.string().nullable() }),
  z.object({
    state: z.literal("failed"),
    conditionType: z.string(),
    reason: z.string().nullable(),
    message: z.string().nullable(),
    since: z.string().nullable(),
    lastSuccessfulSyncTime: z.string().nullable(),
  }),
  z.object({ state: z.literal("pending") }),
]);
export type SyncState = z.infer<typeof syncState>;

export const syncedSecret = z.object({
  name: z.string(),
  /** Created by the portal: only those may be deleted from it. */
  managedByPortal: z.boolean(),
  secretProviderClassName: z.string(),
  /** The Secret type the SecretSync asks for. */
  secretType: z.string(),
  /** Key Vault secret (the SPC object's file name) → key of the Kubernetes Secret. */
  references: z.array(z.object({ sourcePath: z.string(), targetKey: z.string() })),
  /** The Kubernetes Secret of the same name: null while it does not exist. Key names only. */
  secret: z.object({ type: z.string(), keys: z.array(z.string()) }).nullable(),
  usedBy: z.array(syncedSecretUser),
  sync: syncState,
  createdOn: z.string().nullable(),
});
export type SyncedSecret = z.infer<typeof syncedSecret>;

export const syncedSecretList = z.object({ items: z.array(syncedSecret) });
export type SyncedSecretList = z.infer<typeof syncedSecretList>;

export const syncedSecretNameParams = z.object({ name: kubeObjectName });
