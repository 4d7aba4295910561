import type { SyncedSecret, SyncedSecretList } from "@/lib/schemas/synced-secret-list";
import { visibleRows } from "@/lib/synced-secrets/filter-rows";
import { DEFAULT_CONTROLS, type ListControls } from "@/lib/synced-secrets/list-controls";

/** Row builders for the Secrets page's tests (test support only). */

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

/**
 * A page of the list as the server answers it (server/services/secrets-page/list-pages.ts): the rows the controls
 * let through, in order, from `offset`; by default the whole list in one page.
 */
export function listOf(items: SyncedSecret[], o: Partial<Omit<SyncedSecretList, "items">> & {
  controls?: ListControls } = {}): SyncedSecretList {
  const { controls = DEFAULT_CONTROLS, offset = 0, limit = 500, ...rest } = o;
  const matching = visibleRows(items, controls);
  return {
    items: matching.slice(offset, offset + limit),
    offset, limit, matching: matching.length, total: items.length,
    index: { state: "ready", updatedAt: new Date(Date.now() - 12_000).toISOString(), count: 40 },
    defaultSecretProviderClass: "spc-ops-1234567",
    ...rest,
  };
}
