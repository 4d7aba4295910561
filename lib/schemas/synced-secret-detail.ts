import { z } from "zod";
import { keyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import {
  keyVaultIndexInfo, keyVaultSource, sourceWarning, syncedSecretCreator, syncedSecretUser, syncState,
} from "@/lib/schemas/synced-secret-list";

/**
 * `GET /api/synced-secrets/{name}`: one synced secret as its detail page shows it. Names, properties and YAML only:
 * the YAML is the SecretSync and the SecretProviderClass entries it uses, which hold Key Vault names, never values.
 */

/** One key of the Secret: where it comes from, the vault secret's properties (from the name index) and its warnings. */
export const syncedSecretKey = z.object({
  targetKey: z.string(),
  sourcePath: z.string(),
  source: keyVaultSource.nullable(),
  /** The Key Vault secret's latest properties as the name index holds them; null when unknown or missing. */
  keyVaultSecret: keyVaultSecretSummary.nullable(),
  /** The key is present in the Kubernetes Secret now. */
  inSecret: z.boolean(),
});
export type SyncedSecretKey = z.infer<typeof syncedSecretKey>;

export const syncedSecretCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  lastTransitionTime: z.string().nullable(),
});
export type SyncedSecretCondition = z.infer<typeof syncedSecretCondition>;

/** A Kubernetes Event whose `involvedObject` is this SecretSync (the sync controller records its failures so). */
export const syncedSecretEventRecord = z.object({
  type: z.string(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  count: z.number().int().nullable(),
  /** ISO; the newest event time (`lastTimestamp`, `eventTime` or `firstTimestamp`). */
  lastSeen: z.string().nullable(),
  firstSeen: z.string().nullable(),
  /** Who recorded it (`source.component` or `reportingComponent`). */
  source: z.string().nullable(),
});
export type SyncedSecretEventRecord = z.infer<typeof syncedSecretEventRecord>;

export const syncedSecretDetail = z.object({
  name: z.string(),
  namespace: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
  createdOn: z.string().nullable(),
  managedByPortal: z.boolean(),
  createdBy: syncedSecretCreator,
  system: z.boolean(),
  systemReason: z.string().nullable(),
  secretProviderClassName: z.string(),
  serviceAccountName: z.string(),
  secretType: z.string(),
  /** `spec.forceSynchronization` (the last sync now's token), and when the portal last asked for a sync. */
  forceSynchronization: z.string().nullable(),
  syncRequestedAt: z.string().nullable(),
  sync: syncState,
  lastSuccessfulSyncTime: z.string().nullable(),
  conditions: z.array(syncedSecretCondition),
  keys: z.array(syncedSecretKey),
  warnings: z.array(sourceWarning),
  /** The Kubernetes Secret: whether it exists, its type and key names (never values). */
  secret: z.object({ exists: z.boolean(), type: z.string().nullable(), keys: z.array(z.string()) }),
  usedBy: z.array(syncedSecretUser),
  /** Newest first, at most 50. */
  events: z.array(syncedSecretEventRecord),
  yaml: z.object({
    /** The SecretSync as stored, without status and managedFields. */
    secretSync: z.string(),
    /** The SecretProviderClass `objects` entries its keys use, as the class lists them; null when unreadable. */
    secretProviderClassObjects: z.string().nullable(),
  }),
  index: keyVaultIndexInfo,
});
export type SyncedSecretDetail = z.infer<typeof syncedSecretDetail>;
