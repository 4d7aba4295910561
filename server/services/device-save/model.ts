import "server-only";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { DeviceSecretField } from "@/lib/schemas/device-form";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { NewSecretReference, SecretReference } from "@/lib/schemas/secret-reference";
import type { SecretSync, SecretSyncMapping } from "@/lib/schemas/secret-sync";
import type { DeletedKeyVaultSecret } from "@/server/adapters/key-vault";
import type { SpecObject } from "@/server/adapters/kube/kinds/spec-resource";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";

/** The types the save's steps hand one another (docs/endpoint-secrets.md, "The save"). */

export type DeviceObject = SpecObject<DeviceSpec>;
export type DataflowEndpointObject = SpecObject<DataflowEndpointSpec>;

/** One secret field of the form, with the key it gets in its endpoint's synced secret. */
export interface FormReference {
  endpointIndex: number;
  endpointName: string;
  syncedSecretName: string;
  field: DeviceSecretField;
  key: string;
  /** The form's field path, e.g. `endpoints.0.authentication.username` (where a refusal is shown). */
  path: string;
  reference: SecretReference;
}

/** One `<synced secret>/<key>` reference read from a stored Device. */
export interface StoredReference {
  device: string;
  endpoint: string;
  field: DeviceSecretField;
  syncedSecretName: string;
  /** Null when the reference names no key (not written by the portal). */
  key: string | null;
}

/** What step 0 learnt of a name *Create new secret* wants. */
export interface NewNameProbe {
  name: string;
  live: KeyVaultSecretSummary | null;
  deleted: DeletedKeyVaultSecret | null;
}

/** Step 0: everything the plan is computed from; nothing after it reads again except to recover from a 409. */
export interface SaveState {
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
  /** The Device being saved as it is now (null when it does not exist). */
  device: DeviceObject | null;
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
  /** Key → sourcePath this device's references need. */
  wanted: Map<string, string>;
  /** Keys this save's dropped references leave unused (removed if still unused when written). */
  dropped: string[];
  /** The data as planned from step 0. */
  data: SecretSyncMapping[];
  /** Keys whose mapping is new or points elsewhere now. */
  keysAdded: string[];
  keysRemoved: string[];
  serviceAccountName: string;
}

export interface DevicePlan {
  name: string;
  action: "create" | "update";
  /** The Device to update from (step 0's read); null for a create. */
  base: DeviceObject | null;
  spec: DeviceSpec;
}

export interface SavePlan {
  idempotencyKey: string;
  device: DevicePlan;
  vault: { toWrite: VaultWrite[]; alreadyWritten: string[] };
  spc: SpcPlan | null;
  secretSyncs: SyncedSecretPlan[];
  defaultSpcName: string | null;
}
