import { keyVaultSecretList, type KeyVaultSecretList } from "@/lib/schemas/key-vault-secret";
import { apiFetch, apiUrl } from "./client";

export interface KeyVaultSecretFilters {
  /** Case-insensitive substring of the name; empty = list the vault. */
  search: string;
  /** Opaque cursor from the previous page's `nextCursor`; empty = first page. */
  cursor: string;
  pageSize: number;
}

export function listKeyVaultSecrets(f: KeyVaultSecretFilters, signal?: AbortSignal): Promise<KeyVaultSecretList> {
  const url = apiUrl("/api/key-vault/secrets", { search: f.search, cursor: f.cursor, pageSize: f.pageSize });
  return apiFetch(url, (json) => keyVaultSecretList.parse(json), { signal });
}
