import { queryOptions } from "@tanstack/react-query";
import { getDeletePlans, getRotatePlan, getSyncedSecret, listSyncedSecrets } from "@/lib/api/synced-secrets";
import type { SyncedSecretEvent, SyncedSecretList } from "@/lib/schemas/synced-secret-list";

/**
 * Keys hold synced secret and Key Vault secret names only: never a value (a rotation's value travels outside
 * TanStack's caches, see components/synced-secrets/use-rotate.ts).
 */
export const syncedSecretKeys = {
  all: ["synced-secrets"] as const,
  list: () => [...syncedSecretKeys.all, "list"] as const,
  details: () => [...syncedSecretKeys.all, "detail"] as const,
  detail: (name: string) => [...syncedSecretKeys.details(), name] as const,
  deletePlan: (names: readonly string[]) => [...syncedSecretKeys.all, "delete-plan", [...names].sort()] as const,
  rotatePlan: (name: string, source: string) => [...syncedSecretKeys.all, "rotate-plan", name, source] as const,
};

/**
 * Without the live stream (not connected yet, or refused), look again often enough that a state change still
 * shows within 2 s while something syncs, and now and then otherwise. With it, the stream carries every change.
 */
export const SYNCING_REFRESH_MS = 2_000;
export const IDLE_REFRESH_MS = 15_000;

const anySyncing = (list: SyncedSecretList | undefined) => list?.items.some((s) => s.sync.state === "syncing") ?? false;

export const syncedSecretsQuery = (o: { live: boolean } = { live: false }) =>
  queryOptions({
    queryKey: syncedSecretKeys.list(),
    queryFn: ({ signal }) => listSyncedSecrets(signal),
    refetchInterval: (query) => (o.live ? false : anySyncing(query.state.data) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS),
  });

export const syncedSecretQuery = (name: string, o: { live: boolean } = { live: false }) =>
  queryOptions({
    queryKey: syncedSecretKeys.detail(name),
    queryFn: ({ signal }) => getSyncedSecret(name, signal),
    refetchInterval: (query) =>
      o.live ? false : query.state.data?.sync.state === "syncing" ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS,
  });

/** The delete dialog's plan, asked fresh each time it opens (a device may have started using one meanwhile). */
export const deletePlanQuery = (names: readonly string[]) =>
  queryOptions({
    queryKey: syncedSecretKeys.deletePlan(names),
    queryFn: ({ signal }) => getDeletePlans(names, signal),
    staleTime: 0,
    gcTime: 0,
  });

/** Which synced secrets a rotation of `source` would sync: the rotate dialog's first step (no value involved). */
export const rotatePlanQuery = (name: string, source: string) =>
  queryOptions({
    queryKey: syncedSecretKeys.rotatePlan(name, source),
    queryFn: ({ signal }) => getRotatePlan(name, source, signal),
    staleTime: 0,
    gcTime: 0,
  });

/**
 * The list after one event of the live stream: changed rows replace (or join) theirs, removed names go, and the
 * order stays the server's (by name). Unchanged rows keep their identity, so only changed rows re-render.
 */
export function applySyncedSecretEvent(list: SyncedSecretList | undefined, event: SyncedSecretEvent): SyncedSecretList | undefined {
  if (!list || event.type !== "changed") return list;
  const changed = new Map(event.items.map((s) => [s.name, s]));
  const removed = new Set(event.removed);
  const items = list.items.filter((s) => !removed.has(s.name)).map((s) => {
    const next = changed.get(s.name);
    changed.delete(s.name);
    return next ?? s;
  });
  if (changed.size > 0) {
    items.push(...changed.values());
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return { ...list, items, index: event.index };
}
