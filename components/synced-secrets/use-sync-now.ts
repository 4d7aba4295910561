"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { syncSyncedSecret } from "@/lib/api/synced-secrets";
import { syncedSecretKeys, updateCachedRows } from "@/lib/queries/synced-secrets";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import type { SyncState } from "@/lib/schemas/synced-secret-list";

/** What the row says between the request and the controller's answer (the server would say the same on its next read). */
function syncingSince(previous: SyncState, requestedAt: string): SyncState {
  const lastKnown = previous.state === "synced" || previous.state === "failed" ? previous.state
    : previous.state === "syncing" ? previous.lastKnown : "none";
  return { state: "syncing", requestedAt, noAnswerSince: null, lastKnown };
}

/**
 * *Sync now* on one synced secret. The row (and the details page) turn Syncing as soon as the request is taken, then
 * follow the controller's answer through the live stream (or the refresh while it is down) to Synced or Failed.
 */
export function useSyncNow(name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => syncSyncedSecret(name),
    onSuccess: async (result) => {
      updateCachedRows(queryClient, (s) => (s.name === name ? { ...s, sync: syncingSince(s.sync, result.syncRequestedAt) } : s));
      queryClient.setQueryData<SyncedSecretDetail>(syncedSecretKeys.detail(name), (d) => d && {
        ...d, sync: syncingSince(d.sync, result.syncRequestedAt),
        forceSynchronization: result.forceSynchronization, syncRequestedAt: result.syncRequestedAt,
      });
      await queryClient.invalidateQueries({ queryKey: syncedSecretKeys.detail(name) });
    },
  });
}
