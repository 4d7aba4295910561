import "server-only";
import type { SecretNameAvailability } from "@/lib/schemas/device-api";
import { AppError } from "@/server/errors";

/**
 * May *Create new secret* use this name? Asked of the vault itself, not the name index: the index may be a minute
 * stale and never holds deleted secrets, whose names Key Vault keeps until they are purged.
 */
export interface SecretNameLookups {
  readonly vault: { name: string };
  /** The live secret (any version, enabled or not); throws not-found when there is none. */
  getSecretProperties(name: string): Promise<unknown>;
  /** The soft-deleted secret; throws not-found when there is none. */
  getDeletedSecret(name: string): Promise<{ scheduledPurgeDate: string | null }>;
}

export interface SecretNameAvailabilityService {
  availability(name: string): Promise<SecretNameAvailability>;
}

export function createSecretNameAvailabilityService(vault: SecretNameLookups): SecretNameAvailabilityService {
  return {
    async availability(name) {
      const [live, deleted] = await Promise.all([
        orNull(vault.getSecretProperties(name)), orNull(vault.getDeletedSecret(name)),
      ]);
      if (live !== null) {
        return { name, state: "exists", message: `Key Vault '${vault.vault.name}' already has a secret named '${name}'. ` +
          "Use Add from Azure Key Vault to pick it, or choose another name." };
      }
      if (deleted !== null) {
        const until = deleted.scheduledPurgeDate ? ` until ${deleted.scheduledPurgeDate}` : "";
        return { name, state: "deleted", message: `The name '${name}' is held by a deleted secret in Key Vault ` +
          `'${vault.vault.name}'${until}. Recover that secret in Key Vault, or choose another name.` };
      }
      return { name, state: "available", message: null };
    },
  };
}

async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof AppError && err.kind === "not-found") return null;
    throw err;
  }
}
