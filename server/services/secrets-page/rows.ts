import "server-only";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SyncedSecret, SyncedSecretCreator, SyncedSecretUser } from "@/lib/schemas/synced-secret-list";
import type { SpecObject } from "@/server/adapters/kube/kinds/spec-resource";
import { references } from "@/server/services/synced-secret-delete";
import { ownerOf, whyNotChanged } from "@/server/services/synced-secret-rules";
import { syncStateOf } from "@/server/services/sync-state";
import { keyReferences, sourceWarnings, syncedAt, type IndexView } from "./key-sources";

/** What one build of the Secrets page reads: every object of each kind (one list each, or the watch cache). */
export interface ClusterView {
  secretSyncs: readonly SecretSync[];
  secrets: readonly KubeSecretMetadata[];
  devices: readonly SpecObject<DeviceSpec>[];
  dataflowEndpoints: readonly SpecObject<DataflowEndpointSpec>[];
  secretProviderClasses: readonly SecretProviderClass[];
  /** The instance's default SecretProviderClass; null when it has none (or it could not be read). */
  defaultSpcName: string | null;
}

/** The users of every synced secret, by name: one walk over the devices and endpoints for all rows. */
export function usersByName(view: Pick<ClusterView, "devices" | "dataflowEndpoints">): Map<string, SyncedSecretUser[]> {
  const users = new Map<string, SyncedSecretUser[]>();
  for (const { secretName, user } of references([...view.devices], [...view.dataflowEndpoints])) {
    const list = users.get(secretName);
    if (list) list.push(user);
    else users.set(secretName, [user]);
  }
  return users;
}

export function creatorOf(s: SecretSync): SyncedSecretCreator {
  return s.managedByPortal ? { kind: "portal" } : { kind: "other", fieldManager: s.createdBy ?? null };
}

/** Is it a system synced secret, and why (in words). */
export function systemOf(s: SecretSync, defaultSpcName: string | null): { system: boolean; systemReason: string | null } {
  const owner = ownerOf(s, defaultSpcName);
  return owner.kind === "system"
    ? { system: true, systemReason: `${whyNotChanged(s.name, owner, defaultSpcName)}.` }
    : { system: false, systemReason: null };
}

/** Every row of the Secrets page, sorted by name: a join in memory, never a request per row. */
export function buildRows(view: ClusterView, index: IndexView, now: Date): SyncedSecret[] {
  const secrets = new Map(view.secrets.map((s) => [s.name, s]));
  const classes = new Map(view.secretProviderClasses.map((c) => [c.name, c]));
  const users = usersByName(view);
  return [...view.secretSyncs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((s) => {
    const secret = secrets.get(s.name);
    const refs = keyReferences(s, classes.get(s.secretProviderClassName));
    const sync = syncStateOf(s, now);
    return {
      name: s.name,
      managedByPortal: s.managedByPortal,
      createdBy: creatorOf(s),
      ...systemOf(s, view.defaultSpcName),
      secretProviderClassName: s.secretProviderClassName,
      secretType: s.secretType,
      references: refs,
      secret: secret ? { type: secret.type, keys: secret.keys } : null,
      usedBy: users.get(s.name) ?? [],
      sync,
      warnings: sourceWarnings(refs, s.secretProviderClassName, index, now, { lastSuccessfulSyncTime: syncedAt(sync) }),
      createdOn: s.createdOn,
    };
  });
}
