import { queryOptions } from "@tanstack/react-query";
import { getSecretNameAvailability } from "@/lib/api/key-vault-availability";

/**
 * Queries of the **Add reference** dialog. Keys hold names and search text only — a secret value never enters a
 * query key, cache entry or mutation. (The dialog's list of existing secrets reuses `keyVaultSecretsQuery`.)
 */
export const secretNameAvailabilityKeys = {
  all: ["key-vault-secret-name-availability"] as const,
  name: (name: string) => [...secretNameAvailabilityKeys.all, name] as const,
};

/** Someone may create or purge the name meanwhile: an answer is reused for a few seconds only. */
const AVAILABILITY_STALE_MS = 5_000;

export const secretNameAvailabilityQuery = (name: string) =>
  queryOptions({
    queryKey: secretNameAvailabilityKeys.name(name),
    queryFn: ({ signal }) => getSecretNameAvailability(name, signal),
    staleTime: AVAILABILITY_STALE_MS,
  });
