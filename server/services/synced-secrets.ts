import "server-only";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SyncedSecretList, SyncedSecretUser, SyncState } from "@/lib/schemas/synced-secret-list";
import type { KubeAdapter } from "@/server/adapters/kube";
import { AppError } from "@/server/errors";
import { dataflowEndpointReferences, deviceReferences, type FoundReference } from "@/server/services/synced-secret-users";

/** The parts of the cluster adapter the Secrets page reads. */
export type SyncedSecretsKube = Pick<KubeAdapter, "secretSyncs" | "secrets" | "devices" | "dataflowEndpoints">;

export interface SyncedSecretsService {
  list(): Promise<SyncedSecretList>;
  /**
   * Deletes the SecretSync (its Kubernetes Secret goes by garbage collection; the Key Vault secrets stay). Refused
   * with 409 while a device or data flow endpoint references it, so a delete never silently breaks an endpoint;
   * the adapter refuses (403) a SecretSync the portal did not create.
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

    async delete(name) {
      // The get answers 404 for a missing one before anyone is told it is "in use".
      const [, devices, endpoints] = await Promise.all([
        kube.secretSyncs.get(name), kube.devices.list(), kube.dataflowEndpoints.list(),
      ]);
      const users = references(devices, endpoints).filter((r) => r.secretName === name).map((r) => r.user);
      if (users.length > 0) {
        const named = [...new Set(users.map((u) => `${u.kind === "Device" ? "device" : "data flow endpoint"} '${u.name}'`))];
        throw new AppError("conflict", `Synced secret '${name}' is still used by ${named.join(", ")}. Remove those ` +
          "references first, so deleting it does not break them.");
      }
      await kube.secretSyncs.delete(name);
    },
  };
}

type Listed<K extends "devices" | "dataflowEndpoints"> = Awaited<ReturnType<SyncedSecretsKube[K]["list"]>>;

function references(devices: Listed<"devices">, endpoints: Listed<"dataflowEndpoints">): FoundReference[] {
  return [
    ...devices.flatMap((d) => deviceReferences(d.name, d.spec)),
    ...endpoints.flatMap((e) => dataflowEndpointReferences(e.name, e.spec)),
  ];
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
