import { infiniteQueryOptions, keepPreviousData, queryOptions, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { getDeletePlans, getRotatePlan, getSyncedSecret, listSyncedSecrets } from "@/lib/api/synced-secrets";
import { SYNCED_SECRETS_PAGE_SIZE, type SyncedSecret, type SyncedSecretList } from "@/lib/schemas/synced-secret-list";
import { controlsToQuery, type ListControls } from "@/lib/synced-secrets/list-controls";

/**
 * Keys hold synced secret and Key Vault secret names only: never a value (a rotation's value travels outside
 * TanStack's caches, see components/synced-secrets/use-rotate.ts).
 */
export const syncedSecretKeys = {
  all: ["synced-secrets"] as const,
  /** Every list view (for invalidation); with controls, that view's pages. */
  list: (controls?: ListControls) => controls
    ? [...syncedSecretKeys.all, "list", controlsToQuery(controls)] as const : [...syncedSecretKeys.all, "list"] as const,
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

type ListPages = InfiniteData<SyncedSecretList, number>;

const anySyncing = (data: ListPages | undefined) =>
  data?.pages.some((p) => p.items.some((s) => s.sync.state === "syncing")) ?? false;

/**
 * The list as the page shows it, one server page at a time (search, filters and sort are the server's): the first
 * page at once, the next ones as the table scrolls towards them. Changing the controls keeps the rows shown until
 * the new first page is there.
 */
export const syncedSecretPagesQuery = (controls: ListControls, o: { live: boolean } = { live: false }) =>
  infiniteQueryOptions({
    queryKey: syncedSecretKeys.list(controls),
    queryFn: ({ pageParam, signal }) => listSyncedSecrets({ controls, offset: pageParam, limit: SYNCED_SECRETS_PAGE_SIZE }, signal),
    initialPageParam: 0,
    // By the page boundary, not the rows held: a row removed locally (deleted) must not look like a short last page.
    getNextPageParam: (last: SyncedSecretList) => (last.offset + last.limit < last.matching ? last.offset + last.limit : undefined),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (o.live ? false : anySyncing(query.state.data) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS),
  });

/**
 * Changes the cached rows of every list view at once (`null` drops a row): what the page shows at once after a
 * write, before the refetch that confirms it.
 */
export function updateCachedRows(queryClient: QueryClient, update: (row: SyncedSecret) => SyncedSecret | null): void {
  queryClient.setQueriesData<ListPages>({ queryKey: syncedSecretKeys.list() }, (data) => data && {
    ...data,
    pages: data.pages.map((p) => ({ ...p, items: p.items.flatMap((row) => {
      const next = update(row);
      return next ? [next] : [];
    }) })),
  });
}

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
