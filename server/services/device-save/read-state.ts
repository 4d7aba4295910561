import "server-only";
import { readSecretsState } from "@/server/services/endpoint-save/read-state";
import type { DeviceSaveKube, DeviceSaveVault } from "./deps";
import type { SaveState } from "./model";
import { formReferences } from "./references";
import type { SaveDeviceRequest } from "./types";

/**
 * Step 0: the secret part every endpoint save reads (endpoint-save/read-state.ts). The Device itself is the list's
 * copy: step 0 lists every Device anyway (who references what), so a GET of it would be one more call of the same age.
 */
export async function readSaveState(kube: DeviceSaveKube, vault: DeviceSaveVault, request: SaveDeviceRequest): Promise<SaveState> {
  const secrets = await readSecretsState(kube, vault, formReferences(request.endpoints));
  return { ...secrets, device: secrets.devices.find((d) => d.name === request.name) ?? null };
}
