import "server-only";
import { deleteDevice, planDeviceDelete } from "./delete";
import type { DeviceSaveDeps } from "./deps";
import { saveDevice } from "./save";
import type { DeviceSaveService } from "./types";

export type { DeviceSaveDeps, DeviceSaveKube, DeviceSaveVault } from "./deps";
export type { DeviceSaveService, SaveDeviceRequest, Touched } from "./types";

/**
 * The device save pipeline (docs/endpoint-secrets.md): create, edit and delete a Device together with the Key
 * Vault secrets, default SecretProviderClass objects and SecretSyncs its references need.
 */
export function createDeviceSaveService(deps: DeviceSaveDeps): DeviceSaveService {
  return {
    save: (request, o) => saveDevice(deps, request, o),
    planDelete: (name) => planDeviceDelete(deps, name),
    delete: (name, o) => deleteDevice(deps, name, o),
  };
}
