import "server-only";
import type { DeviceList } from "@/lib/schemas/device-api";
import type { InstanceSource } from "@/server/adapters/kube/kinds/instance";
import { AppError } from "@/server/errors";

export type SecretSyncSettings = DeviceList["secretSync"];

/**
 * Whether secret fields can be filled: secret sync is enabled when the instance names a default
 * SecretProviderClass. An instance that cannot be read disables them with the reason, rather than hiding the
 * devices, which are still worth listing.
 */
export async function secretSyncSettings(instance: InstanceSource): Promise<SecretSyncSettings> {
  try {
    const settings = await instance.get();
    const spc = settings.defaultSecretProviderClass;
    if (spc) return { enabled: true, defaultSecretProviderClass: spc.name, reason: null };
    return { enabled: false, defaultSecretProviderClass: null, reason: `Secret sync is not enabled on instance ` +
      `'${settings.name}': it has no default SecretProviderClass (az iot ops secretsync enable sets one).` };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { enabled: false, defaultSecretProviderClass: null, reason: `The instance's settings could not be read: ${err.detail}` };
  }
}
