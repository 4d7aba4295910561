import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import { createKeyVaultAdapter } from "@/server/adapters/key-vault";
import { createKubeAdapter } from "@/server/adapters/kube";
import { getConfig } from "@/server/config/env";
import { log } from "@/server/log";
import { createDeviceSaveService, type DeviceSaveService } from "@/server/services/device-save";
import { createDevicesReadService, type DevicesReadService } from "@/server/services/devices-read";
import { instanceFromConfig } from "@/server/services/instance";
import { createKeyVaultSecretsService, type KeyVaultSecretsService } from "@/server/services/key-vault-secrets";
import { createSecretNameAvailabilityService, type SecretNameAvailabilityService } from "@/server/services/secret-name-availability";
import { createSecretNameIndex } from "@/server/services/secret-name-index";
import { createSyncedSecretsService, type SyncedSecretsService } from "@/server/services/synced-secrets";

/** Builds the adapters from configuration once and hands out the services. Local vs Azure differs only in config. */
export interface Services {
  instance: Instance;
  keyVaultSecrets: KeyVaultSecretsService;
  syncedSecrets: SyncedSecretsService;
  /** The Devices page and the edit form's values. */
  devices: DevicesReadService;
  /** Device create, edit and delete (Key Vault secrets, the default SPC's objects, SecretSyncs, the Device). */
  deviceSave: DeviceSaveService;
  /** *Create new secret*: is a Key Vault name free? (The vault itself, not the name index.) */
  secretNameAvailability: SecretNameAvailabilityService;
}

// On globalThis, not a module variable: Next bundles instrumentation.ts and each route separately (and dev
// reloads modules), but the name index must be one per process.
const KEY = Symbol.for("ops-portal.services");
type Holder = { [KEY]?: Services };

export function services(): Services {
  const g = globalThis as Holder;
  g[KEY] ??= build();
  return g[KEY];
}

function build(): Services {
  const config = getConfig();
  const adapter = createKeyVaultAdapter(config);
  const index = createSecretNameIndex({
    pages: () => adapter.secretPages(),
    refreshSeconds: config.keyVault.indexRefreshSeconds,
    onFilled: (info) => log().info({ ...info, vault: config.keyVault.name }, "Key Vault name index updated"),
    onError: (err, phase) =>
      log().warn({ err, phase, vault: config.keyVault.name }, "Key Vault name index pass failed; keeping the last good index"),
  });
  // One cluster adapter per process; it connects at first use, so the Key Vault pages work without a cluster.
  const kube = createKubeAdapter(config);
  return {
    instance: instanceFromConfig(config),
    keyVaultSecrets: createKeyVaultSecretsService({ adapter, index }),
    syncedSecrets: createSyncedSecretsService(kube),
    devices: createDevicesReadService({ kube }),
    deviceSave: createDeviceSaveService({ kube, vault: adapter, graceSeconds: config.secretSync.spcObjectGraceSeconds,
      // The Key Vault page then lists a secret a save created at once, not after the next index pass.
      onVaultSecretWritten: (secret) => index.upsert(secret) }),
    secretNameAvailability: createSecretNameAvailabilityService(adapter),
  };
}
