import type { SyncedSecretDetail, SyncedSecretKey } from "@/lib/schemas/synced-secret-detail";

/** A details-page answer for DOM tests (test support only). */

const key = (targetKey: string, source: string, o: { pinnedVersion?: string; contentType?: string | null; expiresOn?: string | null } = {}): SyncedSecretKey => ({
  targetKey, sourcePath: source,
  source: { fileName: source, keyVaultSecretName: source, objectType: "secret", pinnedVersion: o.pinnedVersion ?? null, objectEncoding: null },
  keyVaultSecret: { name: source, contentType: o.contentType ?? "text/plain", enabled: true, createdOn: "2026-10-01T10:00:00.000Z",
    updatedOn: "2026-10-01T10:00:00.000Z", expiresOn: o.expiresOn ?? null, notBefore: null, tags: {} },
  inSecret: true,
});

export function detailOf(name: string, over: Partial<SyncedSecretDetail> = {}): SyncedSecretDetail {
  return {
    name, namespace: "azure-iot-operations", uid: "u-1", resourceVersion: "7", createdOn: "2026-10-01T10:00:00.000Z",
    managedByPortal: true, createdBy: { kind: "portal" }, system: false, systemReason: null,
    secretProviderClassName: "spc-ops-1234567", serviceAccountName: "aio-ssc-sa", secretType: "Opaque",
    forceSynchronization: null, syncRequestedAt: null,
    sync: { state: "synced", lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z" }, lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z",
    conditions: [{ type: "Update", status: "True", reason: "UpdateValueChangeOrForceUpdateDetected", message: "Secret updated", lastTransitionTime: "2026-11-01T10:00:00.000Z" }],
    keys: [
      key("password", `${name}-password`, { expiresOn: "2099-01-01T00:00:00.000Z" }),
      key("username", `${name}-username`),
      key("ca.crt", `${name}-ca`, { pinnedVersion: "0123456789abcdef0123456789abcdef", contentType: "application/x-pem-file" }),
    ],
    warnings: [],
    secret: { exists: true, type: "Opaque", keys: ["ca.crt", "password", "username"] },
    usedBy: [{ kind: "DataflowEndpoint", name: "kafka-telemetry", via: "kafkaSettings.authentication.saslSettings", key: null }],
    events: [{ type: "Warning", reason: "ProviderError", message: "404 SecretNotFound", count: 3, lastSeen: "2026-11-01T09:00:00.000Z",
      firstSeen: "2026-11-01T08:00:00.000Z", source: "secrets-store-sync-controller" }],
    yaml: { secretSync: `apiVersion: secret-sync.x-k8s.io/v1alpha1\nkind: SecretSync\nmetadata:\n  name: ${name}\n`,
      secretProviderClassObjects: `- objectName: ${name}-password\n  objectType: secret\n` },
    index: { state: "ready", updatedAt: new Date().toISOString(), count: 40 },
    ...over,
  };
}
