import "server-only";
import { resolve } from "node:path";
import type { Instance } from "@/lib/schemas/instance";
import { createKeyVaultAdapter } from "@/server/adapters/key-vault";
import { createKubeAdapter } from "@/server/adapters/kube";
import { createKubeWatchCache } from "@/server/adapters/kube/watch-cache";
import { instanceSourceFor } from "@/server/adapters/kube/kinds/instance";
import type { AuditLog } from "@/server/audit/audit-log";
import { createFileAuditLog } from "@/server/audit/file-audit-log";
import { createAccessTokenVerifier, type AccessTokenVerifier } from "@/server/auth/access-token-verifier";
import { delegatedScopeOf } from "@/server/config/auth-env";
import { getConfig } from "@/server/config/env";
import { log } from "@/server/log";
import { createDataflowEndpointSaveService, type DataflowEndpointSaveService } from "@/server/services/dataflow-endpoint-save";
import { createDataflowEndpointsReadService, type DataflowEndpointsReadService } from "@/server/services/dataflow-endpoints-read";
import { createDeviceSaveService, type DeviceSaveService } from "@/server/services/device-save";
import { createDevicesReadService, type DevicesReadService } from "@/server/services/devices-read";
import { instanceFromConfig } from "@/server/services/instance";
import { createKeyVaultSecretsService, type KeyVaultSecretsService } from "@/server/services/key-vault-secrets";
import { createSecretNameAvailabilityService, type SecretNameAvailabilityService } from "@/server/services/secret-name-availability";
import { createSecretNameIndex } from "@/server/services/secret-name-index";
import { createSyncedSecretsService, type SyncedSecretsService } from "@/server/services/synced-secrets";

/**
 * The composition root: the one place that builds the portal's parts from configuration — the adapters and the
 * services, the audit log, the access-token verifier — once per process. Local vs Azure differs only in config.
 * Unit tests replace a part by mocking this module (`vi.mock("@/server/wiring", …)`).
 */
export interface Services {
  instance: Instance;
  keyVaultSecrets: KeyVaultSecretsService;
  syncedSecrets: SyncedSecretsService;
  /** The Devices page and the edit form's values. */
  devices: DevicesReadService;
  /** Device create, edit and delete (Key Vault secrets, the default SPC's objects, SecretSyncs, the Device). */
  deviceSave: DeviceSaveService;
  /** The Data flow endpoints page and the edit form's values. */
  dataflowEndpoints: DataflowEndpointsReadService;
  /** Data flow endpoint create, edit and delete (Key Vault secrets, SPC objects, its synced secret, the endpoint). */
  dataflowEndpointSave: DataflowEndpointSaveService;
  /** *Create new secret*: is a Key Vault name free? (The vault itself, not the name index.) */
  secretNameAvailability: SecretNameAvailabilityService;
}

// On globalThis, not module variables: Next bundles instrumentation.ts and each route separately (and dev reloads
// modules), but the name index, the audit log's reader and the verifier's cached key set must be one per process.
// Each part is built at its first use, so a part whose configuration is not needed yet is not read.
function perProcess<T>(name: string, build: () => T): () => T {
  const key = Symbol.for(`ops-portal.${name}`);
  return () => {
    const g = globalThis as unknown as Record<symbol, T | undefined>;
    return (g[key] ??= build());
  };
}

export const services: () => Services = perProcess("services", buildServices);

/** The audit log (AUDIT_LOG_FILE). Swap the store here for a multi-replica deployment (README, "Audit log"). */
export const auditLog: () => AuditLog = perProcess("audit-log", () => {
  const { file } = getConfig().audit;
  return createFileAuditLog(resolve(file), (line) => log().warn({ line, file }, "audit log: skipped an unreadable line"));
});

/** Checks the portal API's bearer tokens; one per process, so the authority's key set is fetched once. */
export const accessTokenVerifier: () => AccessTokenVerifier = perProcess("access-token-verifier", () => {
  const { auth } = getConfig();
  return createAccessTokenVerifier({ authority: auth.authority, audiences: auth.audiences,
    requiredScope: delegatedScopeOf(auth.apiScope) });
});

function buildServices(): Services {
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
  // AIO_DEFAULT_SPC set: the instance's settings come from configuration, not the cluster's Instance object.
  const kube = createKubeAdapter(config, { instanceSource: instanceSourceFor(config) });
  return {
    instance: instanceFromConfig(config),
    keyVaultSecrets: createKeyVaultSecretsService({ adapter, index }),
    syncedSecrets: createSyncedSecretsService({ kube, index, vault: adapter,
      // The Secrets page lists from memory (list + watch), so 2,000 rows cost no Kubernetes call once warm.
      cache: createKubeWatchCache(config, { onError: (err, what) =>
        log().warn({ err, what }, "Kubernetes watch cache: a list or watch failed; retrying") }),
      graceSeconds: config.secretSync.spcObjectGraceSeconds,
      onVaultSecretWritten: (secret) => index.upsert(secret) }),
    devices: createDevicesReadService({ kube }),
    deviceSave: createDeviceSaveService({ kube, vault: adapter, graceSeconds: config.secretSync.spcObjectGraceSeconds,
      // The Key Vault page then lists a secret a save created at once, not after the next index pass.
      onVaultSecretWritten: (secret) => index.upsert(secret) }),
    dataflowEndpoints: createDataflowEndpointsReadService({ kube }),
    dataflowEndpointSave: createDataflowEndpointSaveService({ kube, vault: adapter,
      graceSeconds: config.secretSync.spcObjectGraceSeconds, onVaultSecretWritten: (secret) => index.upsert(secret) }),
    secretNameAvailability: createSecretNameAvailabilityService(adapter),
  };
}
