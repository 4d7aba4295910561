import "server-only";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { DeviceSecretField } from "@/lib/schemas/device-form";
import type { DeviceObject, SecretSlot, SecretsPlan, SecretsState } from "@/server/services/endpoint-save/model";

export type {
  DataflowEndpointObject, DeviceObject, NewNameProbe, SpcPlan, SyncedSecretAction, SyncedSecretPlan, VaultWrite,
} from "@/server/services/endpoint-save/model";

/** The device save's own types; the secret part is shared with every endpoint save (endpoint-save/model.ts). */

/** One secret field of the form, with the key it gets in its endpoint's synced secret. */
export interface FormReference extends SecretSlot {
  endpointIndex: number;
  endpointName: string;
  field: DeviceSecretField;
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

/** Step 0: everything the plan is computed from. */
export interface SaveState extends SecretsState {
  /** The Device being saved as it is now (null when it does not exist). */
  device: DeviceObject | null;
}

export interface DevicePlan {
  name: string;
  action: "create" | "update";
  /** The Device to update from (step 0's read); null for a create. */
  base: DeviceObject | null;
  spec: DeviceSpec;
}

export interface SavePlan extends SecretsPlan {
  device: DevicePlan;
}
