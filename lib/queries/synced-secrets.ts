import { queryOptions } from "@tanstack/react-query";
import { listSyncedSecrets } from "@/lib/api/synced-secrets";

export const syncedSecretKeys = {
  all: ["synced-secrets"] as const,
  list: () => [...syncedSecretKeys.all, "list"] as const,
};

/** The sync controller changes status on its own; refresh now and then so a failure shows up without a reload. */
const REFRESH_MS = 30_000;

export const syncedSecretsQuery = () =>
  queryOptions({
    queryKey: syncedSecretKeys.list(),
    queryFn: ({ signal }) => listSyncedSecrets(signal),
    refetchInterval: REFRESH_MS,
  });
