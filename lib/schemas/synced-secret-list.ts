import { z } from "zod";
import { endpointSyncState, type EndpointSyncState } from "@/lib/schemas/device-api";
import { keyVaultIndexState } from "@/lib/schemas/key-vault-secret";
import { kubeObjectName } from "@/lib/schemas/kube-metadata";

/**
 * The Secrets page's rows (`GET /api/synced-secrets`): each SecretSync of the instance's namespace joined with its
 * Kubernetes Secret (metadata only), the SecretProviderClass objects its keys come from, the Key Vault name index's
 * view of those secrets, the Devices and DataflowEndpoints that reference it, and its sync state. There is
 * deliberately no value field anywhere: a synced secret's values stay in Key Vault and the cluster.
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

/** Synced / Syncing / Failed exactly as the devices pages show it (lib/schemas/device-api.ts). */
export const syncState = endpointSyncState;
export type SyncState = EndpointSyncState;

/**
 * Where one key's value comes from: the SecretProviderClass object whose file name (`objectAlias`, else
 * `objectName`) the key's `sourcePath` names. Null `keyVaultSecretName` when the class lists no such object.
 */
export const keyVaultSource = z.object({
  /** The SPC object's file name, as `sourcePath` names it. */
  fileName: z.string(),
  /** The Key Vault secret (`objectName`); null when the SecretProviderClass has no object of that file name. */
  keyVaultSecretName: z.string().nullable(),
  objectType: z.string().nullable(),
  /** A 32-hex version id when the object is pinned to one version (rotation then does not reach it); else null. */
  pinnedVersion: z.string().nullable(),
  objectEncoding: z.string().nullable(),
});
export type KeyVaultSource = z.infer<typeof keyVaultSource>;

/** One key of the Kubernetes Secret and its Key Vault source. */
export const syncedSecretReference = z.object({
  sourcePath: z.string(),
  targetKey: z.string(),
  /** Null when the SecretSync's SecretProviderClass could not be read (missing, or its `objects` unreadable). */
  source: keyVaultSource.nullable(),
});
export type SyncedSecretReference = z.infer<typeof syncedSecretReference>;

/**
 * Something wrong, or about to go wrong, with one Key Vault source, as the portal's name index knows it (never a
 * Key Vault call per row; the index is at most `KEY_VAULT_INDEX_REFRESH_SECONDS` old, see `index.updatedAt`):
 * - `missing`: no such secret in the vault (only said once the index is ready);
 * - `no-spc-object`: the key names a file the SecretProviderClass does not list;
 * - `disabled`, `expired`, `not-yet-active`: the sync controller cannot read it;
 * - `expiring-soon`: it expires within 30 days.
 */
export const SOURCE_WARNING_KINDS = ["missing", "no-spc-object", "disabled", "expired", "not-yet-active", "expiring-soon"] as const;
export const sourceWarning = z.object({
  kind: z.enum(SOURCE_WARNING_KINDS),
  /** The Key Vault secret, or for `no-spc-object` the file name the key names. */
  source: z.string(),
  /** The keys of the Secret it fills. */
  targetKeys: z.array(z.string()),
  /** ISO: when it expires (`expired`, `expiring-soon`) or becomes active (`not-yet-active`); else null. */
  at: z.string().nullable(),
  /** In words, for the row and the detail page. */
  message: z.string(),
});
export type SourceWarning = z.infer<typeof sourceWarning>;

/** Who made the SecretSync: the portal (its managed-by label), or another tool named by its field manager. */
export const syncedSecretCreator = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("portal") }),
  /** `fieldManager`: the creating field manager (`kubectl-create`, `azure-cli`…); null when the server kept none. */
  z.object({ kind: z.literal("other"), fieldManager: z.string().nullable() }),
]);
export type SyncedSecretCreator = z.infer<typeof syncedSecretCreator>;

export const syncedSecret = z.object({
  name: z.string(),
  /** Created by the portal (label `app.kubernetes.io/managed-by: ops-portal`). */
  managedByPortal: z.boolean(),
  createdBy: syncedSecretCreator,
  /**
   * A system synced secret: its SecretProviderClass is not the instance's default (e.g. the OPC UA connector's
   * trust list). Shown, never changed: no sync now, rotate or delete. `systemReason` says why in words.
   */
  system: z.boolean(),
  systemReason: z.string().nullable(),
  secretProviderClassName: z.string(),
  /** The Secret type the SecretSync asks for. */
  secretType: z.string(),
  /** Each key of the Secret and its Key Vault source. */
  references: z.array(syncedSecretReference),
  /** The Kubernetes Secret of the same name: null while it does not exist. Key names only. */
  secret: z.object({ type: z.string(), keys: z.array(z.string()) }).nullable(),
  usedBy: z.array(syncedSecretUser),
  sync: syncState,
  warnings: z.array(sourceWarning),
  createdOn: z.string().nullable(),
});
export type SyncedSecret = z.infer<typeof syncedSecret>;

/** How fresh the Key Vault facts (warnings) are: the name index's state and when its last full pass ended. */
export const keyVaultIndexInfo = z.object({
  state: keyVaultIndexState,
  /** ISO time of the last completed full pass; null before the first one. */
  updatedAt: z.string().nullable(),
  count: z.number().int().nonnegative(),
});
export type KeyVaultIndexInfo = z.infer<typeof keyVaultIndexInfo>;

/** Rows per page the Secrets page asks for; the API's default and most. */
export const SYNCED_SECRETS_PAGE_SIZE = 50;
export const SYNCED_SECRETS_MAX_PAGE_SIZE = 500;

/**
 * One page of the list (`GET /api/synced-secrets?offset=&limit=` with the page's search, filters and sort, the query
 * string of lib/synced-secrets/list-controls.ts): the rows `offset` to `offset + limit` of those that match, in order.
 * A page of 50 rows is ~50 KB before compression, whatever the cluster holds: a reader pays for what they look at.
 */
export const syncedSecretList = z.object({
  items: z.array(syncedSecret),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** Rows that match the search and filters (all pages). */
  matching: z.number().int().nonnegative(),
  /** Synced secrets of the instance, matching or not. */
  total: z.number().int().nonnegative(),
  index: keyVaultIndexInfo,
  /** The instance's default SecretProviderClass (null: secret sync not enabled, every synced secret is system). */
  defaultSecretProviderClass: z.string().nullable(),
});
export type SyncedSecretList = z.infer<typeof syncedSecretList>;

export const syncedSecretNameParams = z.object({ name: kubeObjectName });

/**
 * `GET /api/synced-secrets?watch=true`: a `fetch` stream (bearer token in the header), one JSON object a line
 * (`application/x-ndjson`). `ready` first; then `changed` whenever rows changed (coalesced, at most every 250 ms),
 * carrying the changed rows as the list would show them and the names removed; `heartbeat` every 15 s. The
 * stream ends when the access token expires (the page reconnects with a fresh one) or the server shuts down.
 */
export const syncedSecretEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  z.object({ type: z.literal("changed"), items: z.array(syncedSecret), removed: z.array(z.string()), index: keyVaultIndexInfo }),
  z.object({ type: z.literal("heartbeat") }),
]);
export type SyncedSecretEvent = z.infer<typeof syncedSecretEvent>;

/**
 * The list's query: a page (`offset`, `limit`) and the page's controls (`search`, `state`, `unused`, `warnings`,
 * `system`, `sort`; read leniently by lib/synced-secrets/list-controls.ts, so an old link still opens), or
 * `watch=true` for the live stream.
 */
export const syncedSecretListQuery = z.object({
  watch: z.enum(["true", "1", "false", "0"], { message: "Use watch=true" }).optional(),
  offset: z.coerce.number({ message: "offset must be a number" }).int("offset must be a whole number")
    .min(0, "offset must be 0 or more").max(1_000_000, "offset is too large").default(0),
  limit: z.coerce.number({ message: "limit must be a number" }).int("limit must be a whole number")
    .min(1, "limit must be at least 1").max(SYNCED_SECRETS_MAX_PAGE_SIZE, `limit must be at most ${SYNCED_SECRETS_MAX_PAGE_SIZE}`)
    .default(SYNCED_SECRETS_PAGE_SIZE),
  search: z.string().max(253, "search must be at most 253 characters").optional(),
  state: z.string().max(64).optional(),
  unused: z.string().max(8).optional(),
  warnings: z.string().max(8).optional(),
  system: z.string().max(8).optional(),
  sort: z.string().max(16).optional(),
});
