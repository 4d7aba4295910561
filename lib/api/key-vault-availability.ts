import { secretNameAvailability, type SecretNameAvailability } from "@/lib/schemas/device-api";
import { apiFetch } from "./client";

/**
 * May *Create new secret* use this Key Vault name? The server asks the vault itself (live and deleted secrets),
 * not the name index, which can be a minute stale. Only the name travels; a value never does.
 */
export function getSecretNameAvailability(name: string, signal?: AbortSignal): Promise<SecretNameAvailability> {
  const url = `/api/key-vault/secrets/${encodeURIComponent(name)}/availability`;
  return apiFetch(url, (json) => secretNameAvailability.parse(json), { signal });
}
