import type { SyncedSecret, SyncedSecretList } from "@/lib/schemas/synced-secret-list";

/** Row builders for the Secrets page's DOM tests (test support only). */

export function syncedSecretRow(name: string, over: Partial<SyncedSecret> = {}): SyncedSecret {
  return {
    name, managedByPortal: true, createdBy: { kind: "portal" }, system: false, systemReason: null,
    secretProviderClassName: "spc-ops-1234567", secretType: "Opaque",
    references: [
      { sourcePath: `${name}-username`, targetKey: "username", source: { fileName: `${name}-username`,
        keyVaultSecretName: `${name}-username`, objectType: "secret", pinnedVersion: null, objectEncoding: null } },
    ],
    secret: { type: "Opaque", keys: ["username"] },
    usedBy: [], warnings: [],
    sync: { state: "synced", lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z" },
    createdOn: "2026-10-01T10:00:00.000Z",
    ...over,
  };
}

export function listOf(items: SyncedSecret[], o: Partial<Omit<SyncedSecretList, "items">> = {}): SyncedSecretList {
  return {
    items: [...items].sort((a, b) => (a.name < b.name ? -1 : 1)),
    index: { state: "ready", updatedAt: new Date(Date.now() - 12_000).toISOString(), count: 40 },
    defaultSecretProviderClass: "spc-ops-1234567",
    ...o,
  };
}
