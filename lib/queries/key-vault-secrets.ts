import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { listKeyVaultSecrets, type KeyVaultSecretFilters } from "@/lib/api/key-vault-secrets";

export const keyVaultSecretKeys = {
  all: ["key-vault-secrets"] as const,
  lists: () => [...keyVaultSecretKeys.all, "list"] as const,
  list: (filters: KeyVaultSecretFilters) => [...keyVaultSecretKeys.lists(), { ...filters }] as const,
};

/** How often to re-ask while the server's name index is still filling, so the count and results catch up. */
const FILLING_POLL_MS = 2_000;

export const keyVaultSecretsQuery = (filters: KeyVaultSecretFilters) =>
  queryOptions({
    queryKey: keyVaultSecretKeys.list(filters),
    queryFn: ({ signal }) => listKeyVaultSecrets(filters, signal),
    // Keep the current rows on screen while the next page or search loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.index.state === "filling" ? FILLING_POLL_MS : false),
  });
