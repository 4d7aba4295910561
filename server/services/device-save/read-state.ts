import "server-only";
import { orNull, readSecretsState } from "@/server/services/endpoint-save/read-state";
import type { DeviceSaveKube, DeviceSaveVault } from "./deps";
import type { SaveState } from "./model";
import { formReferences } from "./references";
import type { SaveDeviceRequest } from "./types";

/** Step 0: the secret part every endpoint save reads (endpoint-save/read-state.ts), and the Device, in parallel. */
export async function readSaveState(kube: DeviceSaveKube, vault: DeviceSaveVault, request: SaveDeviceRequest): Promise<SaveState> {
  const [secrets, device] = await Promise.all([
    readSecretsState(kube, vault, formReferences(request.endpoints)), orNull(kube.devices.get(request.name)),
  ]);
  return { ...secrets, device };
}
