import "server-only";
import type { SecretSyncMapping } from "@/lib/schemas/secret-sync";
import type { SecretsState } from "./model";

/** AIO's service account for secret sync (domain.md §2.5), when no portal SecretSync shows another. */
export const SECRET_SYNC_SERVICE_ACCOUNT = "aio-ssc-sa";

/** The data with each wanted key pointed at its path (in place, else appended) and the dropped keys removed. */
export function applyMappings(data: readonly SecretSyncMapping[], wanted: ReadonlyMap<string, string>,
  dropped: readonly string[]): SecretSyncMapping[] {
  const out = data.filter((m) => !dropped.includes(m.targetKey) || wanted.has(m.targetKey))
    .map((m) => (wanted.has(m.targetKey) ? { sourcePath: wanted.get(m.targetKey)!, targetKey: m.targetKey } : { ...m }));
  for (const [targetKey, sourcePath] of wanted) {
    if (!out.some((m) => m.targetKey === targetKey)) out.push({ sourcePath, targetKey });
  }
  return out;
}

/** What existing portal SecretSyncs on the default SPC run as (the instance's choice), else AIO's default. */
export function portalServiceAccount(state: Pick<SecretsState, "secretSyncs" | "defaultSpcName">): string {
  const own = state.secretSyncs.find((s) => s.managedByPortal && s.secretProviderClassName === state.defaultSpcName
    && s.serviceAccountName !== "");
  return own?.serviceAccountName ?? SECRET_SYNC_SERVICE_ACCOUNT;
}
