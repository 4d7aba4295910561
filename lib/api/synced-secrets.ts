import { syncedSecretList, type SyncedSecretList } from "@/lib/schemas/synced-secret-list";
import { apiFetch } from "./client";

export function listSyncedSecrets(signal?: AbortSignal): Promise<SyncedSecretList> {
  return apiFetch("/api/synced-secrets", (json) => syncedSecretList.parse(json), { signal });
}

/** Deletes the SecretSync only (its Kubernetes Secret goes by garbage collection; Key Vault is untouched). */
export function deleteSyncedSecret(name: string): Promise<void> {
  return apiFetch(`/api/synced-secrets/${encodeURIComponent(name)}`, () => undefined, { method: "DELETE" });
}
