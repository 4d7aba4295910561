import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { NewSecretReference, SecretReference } from "@/lib/schemas/secret-reference";
import type { SecretSync, SecretSyncMapping } from "@/lib/schemas/secret-sync";
import type { DeletedKeyVaultSecret } from "@/server/adapters/key-vault";
import type { SpecObject } from "@/server/adapters/kube/kinds/spec-resource";

/**
 * The types the steps of an endpoint save hand one another (docs/endpoint-secrets.md, "The save"), shared by the
 * device save and the data flow endpoint save: the Key Vault secrets, the default SPC's objects and the
 * SecretSyncs. What differs (the resource, and how it names its synced secret) lives in each save's own model.
 */

export type DeviceObject = SpecObject<DeviceSpec>;
export type DataflowEndpointObject = SpecObject<DataflowEndpointSpec>;

/** One secret field of a form: the key it gets in its synced secret, and where a refusal is shown. */
export interface SecretSlot {
  syncedSecretName: string;
  key: string;
  /** The form's field path, e.g. `endpoints.0.authentication.username` (where a refusal is shown). */
  path: string;
  /** The form's path of the synced secret name that holds this field (where a refusal of the whole secret goes). */
  syncedSecretPath: string;
  reference: SecretReference;
}

/** What step 0 learnt of a name *Create new secret* wants. */
export interface NewNameProbe {
  name: string;
  live: KeyVaultSecretSummary | null;
  deleted: DeletedKeyVaultSecret | null;
}

/** Step 0's reads the secret part of a save is planned from; nothing after it reads again except after a 409. */
export interface SecretsState {
  instanceName: string;
  namespace: string;
  vaultName: string;
  defaultSpcName: string | null;
  /** The default SPC; null when there is none or it is missing (`spcMissing`). */
  spc: SecretProviderClass | null;
  spcMissing: boolean;
  /** Other classes the form's synced secrets read from (e.g. `opc-ua-connector`), to tell what their keys map. */
  otherClasses: Map<string, SecretProviderClass>;
  secretSyncs: SecretSync[];
  devices: DeviceObject[];
  dataflowEndpoints: DataflowEndpointObject[];
  /** By lower-case name. */
  newNames: Map<string, NewNameProbe>;
  /** Newly picked existing secrets, by lower-case name: their properties, or null when missing. */
  picks: Map<string, KeyVaultSecretSummary | null>;
}

export interface VaultWrite {
  name: string;
  path: string;
  /** Holds the value: only the vault write reads it. */
  reference: NewSecretReference;
  /**
   * A secret the portal shares between saves (one value for all, e.g. Event Hubs' `$ConnectionString` username):
   * a version another save wrote meanwhile serves as well as this save's own.
   */
  shared?: boolean;
}

export interface VaultPlan {
  toWrite: VaultWrite[];
  /** New secrets an earlier attempt of this same save already wrote (tagged with its key). */
  alreadyWritten: string[];
}

export interface SpcPlan {
  name: string;
  base: SecretProviderClass;
  /** Objects (objectName = file name) this save maps: added when missing, marked used now. */
  ensure: string[];
  /** File names a SecretSync on this SPC maps, before or after this save: never removed, marked used now. */
  mapped: Set<string>;
  objectsToAdd: string[];
  objectsToRemove: string[];
  write: boolean;
}

export type SyncedSecretAction = "create" | "update" | "delete" | "unchanged";

export interface SyncedSecretPlan {
  name: string;
  current: SecretSync | null;
  action: SyncedSecretAction;
  /** False for one the portal may not write (made elsewhere, or system) that this save leaves as it is. */
  write: boolean;
  /** Key → sourcePath the saved resource's references need. */
  wanted: Map<string, string>;
  /** Keys this save's dropped references leave unused (removed if still unused when written). */
  dropped: string[];
  /** The data as planned from step 0. */
  data: SecretSyncMapping[];
  /** Keys whose mapping is new or points elsewhere now. */
  keysAdded: string[];
  keysRemoved: string[];
  serviceAccountName: string;
  /**
   * The data flow endpoint being saved, when it names this synced secret: its own `secretRef` does not count as
   * another user when step 3 checks whether keys (or the whole secret) may go.
   */
  ownUser?: string;
}

/** The secret part of a save's plan: Key Vault (step 1), the default SPC (step 1), the SecretSyncs (step 3). */
export interface SecretsPlan {
  idempotencyKey: string;
  vault: VaultPlan;
  spc: SpcPlan | null;
  secretSyncs: SyncedSecretPlan[];
  defaultSpcName: string | null;
}
