import "server-only";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SyncedSecretList, SyncedSecretUser, SyncState } from "@/lib/schemas/synced-secret-list";
import type { KubeAdapter } from "@/server/adapters/kube";
import { deleteSyncedSecretIfUnused, references } from "@/server/services/synced-secret-delete";

/** The parts of the cluster adapter the Secrets page reads. */
export type SyncedSecretsKube = Pick<KubeAdapter, "secretSyncs" | "secrets" | "devices" | "dataflowEndpoints">;

export interface SyncedSecretsService {
  list(): Promise<SyncedSecretList>;
  /**
   * Deletes the SecretSync (its Kubernetes Secret goes by garbage collection; the Key Vault secrets stay). Refused
   * with 409 while a device or data flow endpoint references it, so a delete never silently breaks an endpoint,
   * and with 403 for a SecretSync the portal did not create. Read first, then the users, then a delete under the
   * resourceVersion read (server/services/synced-secret-delete.ts): a save on another replica cannot slip in.
   */
  delete(name: string): Promise<void>;
}

export function createSyncedSecretsService(kube: SyncedSecretsKube): SyncedSecretsService {
  return {
    async list() {
      // One list per kind, in parallel: the join happens here, never a request per row.
      const [syncs, secrets, devices, endpoints] = await Promise.all([
        kube.secretSyncs.list(), kube.secrets.list(), kube.devices.list(), kube.dataflowEndpoints.list(),
      ]);
      const secretByName = new Map(secrets.map((s) => [s.name, s]));
      const users = new Map<string, SyncedSecretUser[]>();
      for (const { secretName, user } of references(devices, endpoints)) {
        const list = users.get(secretName) ?? [];
        list.push(user);
        users.set(secretName, list);
      }
      const items = [...syncs].sort((a, b) => a.name.localeCompare(b.name)).map((s) => {
        const secret = secretByName.get(s.name);
        return {
          name: s.name,
          managedByPortal: s.managedByPortal,
          secretProviderClassName: s.secretProviderClassName,
          secretType: s.secretType,
          references: s.data.map((m) => ({ sourcePath: m.sourcePath, targetKey: m.targetKey })),
          secret: secret ? { type: secret.type, keys: secret.keys } : null,
          usedBy: users.get(s.name) ?? [],
          sync: syncStateOf(s.status),
          createdOn: s.createdOn,
        };
      });
      return { items };
    },

    delete: (name) => deleteSyncedSecretIfUnused(kube, name),
  };
}

/**
 * Any condition False is a failure whatever its type (the controller's types differ between releases); else a
 * successful sync time or a True condition means synced; no status yet means the controller has not got to it.
 */
export function syncStateOf(status: SecretSync["status"]): SyncState {
  const failing = status.conditions.find((c) => c.status === "False");
  if (failing) {
    return { state: "failed", conditionType: failing.type, reason: failing.reason, message: failing.message,
      since: failing.lastTransitionTime, lastSuccessfulSyncTime: status.lastSuccessfulSyncTime };
  }
  if (status.lastSuccessfulSyncTime || status.conditions.some((c) => c.status === "True")) {
    return { state: "synced", lastSuccessfulSyncTime: status.lastSuccessfulSyncTime };
  }
  return { state: "pending" };
}
