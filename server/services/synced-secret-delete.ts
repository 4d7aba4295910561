import "server-only";
import type { KubeAdapter } from "@/server/adapters/kube";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import { deleteRefusal, ownerOf, whyNotChanged } from "@/server/services/synced-secret-rules";
import { dataflowEndpointReferences, deviceReferences, type FoundReference } from "@/server/services/synced-secret-users";

/** What deleting a synced secret safely reads and writes. */
export type SyncedSecretDeleteKube = {
  secretSyncs: Pick<KubeAdapter["secretSyncs"], "get" | "deleteFrom">;
  devices: Pick<KubeAdapter["devices"], "list">;
  dataflowEndpoints: Pick<KubeAdapter["dataflowEndpoints"], "list">;
};

const ATTEMPTS = 5;

/**
 * Deletes a SecretSync only while nothing references it, without a window for a save on another replica to slip
 * a reference in (docs/endpoint-secrets.md, "No dangling references across replicas"): read the SecretSync first
 * (its resourceVersion), then list the users, then delete with that resourceVersion as a precondition. A save
 * writes its Device before it writes the SecretSync (always, with a new save-id), so a reference added after the
 * read has moved the resourceVersion by the time of the delete: the delete fails with 409 and starts again.
 *
 * Refuses (403) one the portal may not delete, and (409) one still in use, naming the users.
 */
export async function deleteSyncedSecretIfUnused(kube: SyncedSecretDeleteKube, name: string,
  o: { defaultSpcName?: string | null; anyCreator?: boolean } = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await kube.secretSyncs.get(name);
    // The Secrets page deletes one made by another tool too (`anyCreator`); a system one never.
    const refused = o.anyCreator && o.defaultSpcName !== undefined
      ? systemRefusal(current, o.defaultSpcName) : deleteRefusal(current, o.defaultSpcName);
    if (refused) throw refused;
    const [devices, endpoints] = await Promise.all([kube.devices.list(), kube.dataflowEndpoints.list()]);
    const users = references(devices, endpoints).filter((r) => r.secretName === name).map((r) => r.user);
    if (users.length > 0) {
      const named = [...new Set(users.map((u) => `${u.kind === "Device" ? "device" : "data flow endpoint"} '${u.name}'`))];
      throw new AppError("conflict", `Synced secret '${name}' is still used by ${named.join(", ")}. Remove those ` +
        "references first, so deleting it does not break them.", { references: users });
    }
    try {
      await kube.secretSyncs.deleteFrom(current, { anyCreator: o.anyCreator === true });
      return;
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      if (attempt >= ATTEMPTS) {
        throw new AppError("conflict", `Synced secret '${name}' kept changing while the portal deleted it ` +
          `(${ATTEMPTS} attempts); try again.`, { upstream: { service: "kubernetes", code: "Conflict" } });
      }
    }
  }
}

/** Only a system synced secret is refused (403): its SecretProviderClass is not the instance's default. */
function systemRefusal(s: Parameters<typeof ownerOf>[0] & { name: string }, defaultSpcName: string | null): AppError | null {
  const owner = ownerOf(s, defaultSpcName);
  return owner.kind === "system" ? new AppError("forbidden", `${whyNotChanged(s.name, owner, defaultSpcName)}.`) : null;
}

type Listed<K extends "devices" | "dataflowEndpoints"> = Awaited<ReturnType<SyncedSecretDeleteKube[K]["list"]>>;

export function references(devices: Listed<"devices">, endpoints: Listed<"dataflowEndpoints">): FoundReference[] {
  return [
    ...devices.flatMap((d) => deviceReferences(d.name, d.spec)),
    ...endpoints.flatMap((e) => dataflowEndpointReferences(e.name, e.spec)),
  ];
}
