"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { watchSyncedSecrets } from "@/lib/api/synced-secrets";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import type { SyncedSecretEvent } from "@/lib/schemas/synced-secret-list";

/** The server sends a heartbeat every 15 s: this long without any line means the connection died quietly. */
const SILENCE_MS = 40_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Keeps the synced secrets list (and any open details page) current from the server's live stream: on a change the
 * list's loaded pages are read again (a changed row may move or leave the view: its order and filters are the
 * server's), and the details of a changed synced secret are refetched. Returns
 * whether the stream is connected; while it is not, the queries refresh on their own (lib/queries/synced-secrets.ts)
 * and this reconnects with backoff (the stream also ends when the access token expires: a reconnect takes a fresh one).
 */
export function useLiveSyncedSecrets(): { live: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);

  useEffect(() => {
    const stop = new AbortController();
    let retryMs = RETRY_FIRST_MS;

    const onEvent = (event: SyncedSecretEvent, connectedAt: number) => {
      if (event.type === "ready") {
        setLive(true);
        retryMs = RETRY_FIRST_MS;
        // Changes made while not connected are not replayed: a list older than this connection is read again.
        const stale = queryClient.getQueryCache().findAll({ queryKey: syncedSecretKeys.list() })
          .some((q) => q.state.data !== undefined && q.state.dataUpdatedAt < connectedAt);
        if (stale) void queryClient.invalidateQueries({ queryKey: syncedSecretKeys.list() });
      } else if (event.type === "changed") {
        void queryClient.invalidateQueries({ queryKey: syncedSecretKeys.list() });
        for (const name of [...event.items.map((s) => s.name), ...event.removed]) {
          void queryClient.invalidateQueries({ queryKey: syncedSecretKeys.detail(name) });
        }
      }
    };

    const connectOnce = async () => {
      const connection = new AbortController();
      const abort = () => connection.abort();
      stop.signal.addEventListener("abort", abort);
      let silence = setTimeout(abort, SILENCE_MS);
      const connectedAt = Date.now();
      try {
        await watchSyncedSecrets((event) => {
          clearTimeout(silence);
          silence = setTimeout(abort, SILENCE_MS);
          onEvent(event, connectedAt);
        }, connection.signal);
      } finally {
        clearTimeout(silence);
        stop.signal.removeEventListener("abort", abort);
      }
    };

    void (async () => {
      while (!stop.signal.aborted) {
        try {
          await connectOnce();
        } catch {
          // Refused, unreachable or cut off: the queries' own refresh covers the gap; try again later.
        }
        if (stop.signal.aborted) return;
        setLive(false);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    })();
    return () => stop.abort();
  }, [queryClient]);

  return { live };
}
