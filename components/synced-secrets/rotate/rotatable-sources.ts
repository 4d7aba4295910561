import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";

/** One Key Vault secret the synced secret takes keys from, as the rotate dialog offers it. */
export interface RotatableSource {
  name: string;
  targetKeys: string[];
  /** Its latest version's properties (carried over unless changed); null when the name index does not know it. */
  current: KeyVaultSecretSummary | null;
  /** Why it cannot be rotated from here, or null. */
  refusal: string | null;
}

/**
 * The Key Vault secrets behind the synced secret's keys, one entry per secret (two keys may share one). A source
 * pinned to a version is refused: a new version would never reach this synced secret.
 */
export function rotatableSources(detail: SyncedSecretDetail): RotatableSource[] {
  const byName = new Map<string, RotatableSource>();
  for (const key of detail.keys) {
    const name = key.source?.keyVaultSecretName;
    if (!name) continue;
    const entry = byName.get(name) ?? { name, targetKeys: [], current: key.keyVaultSecret, refusal: null };
    entry.targetKeys.push(key.targetKey);
    const pinned = key.source?.pinnedVersion;
    if (pinned) {
      entry.refusal = `Pinned to version ${pinned} in the SecretProviderClass: a new version would not reach this synced ` +
        "secret. Remove the version from the SecretProviderClass entry first.";
    }
    byName.set(name, entry);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
