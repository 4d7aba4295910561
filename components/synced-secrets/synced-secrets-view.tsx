"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useCan } from "@/lib/auth/session-roles";
import { syncedSecretPagesQuery } from "@/lib/queries/synced-secrets";
import { BulkActions } from "./bulk-actions";
import { DeleteDialog } from "./delete-dialog";
import { FilterBar } from "./filter-bar";
import { IndexAge } from "./index-age";
import { isFiltered, toggleSort, type SortColumn } from "@/lib/synced-secrets/list-controls";
import { SyncedSecretsEmpty, SyncedSecretsError, SyncedSecretsLoading, SyncedSecretsNoMatch } from "./list-states";
import { LiveStatus } from "./live-status";
import { RowActionsContext } from "./row-actions-context";
import { SearchBox } from "./search-box";
import { SyncedSecretsTable } from "./synced-secrets-table";
import { useListUrlState } from "./use-list-url-state";
import { useLiveSyncedSecrets } from "./use-live-synced-secrets";
import { useSelection } from "./use-selection";

/**
 * The Secrets page: every synced secret of the instance, searchable, filterable and sortable (all kept in the URL and
 * done by the server), loaded a page at a time as the table scrolls, kept current by the live stream. Operators get
 * Sync now, Delete and bulk delete on non-system rows ("select all" selects the rows loaded so far).
 */
export function SyncedSecretsView() {
  const canOperate = useCan("operator");
  const { live } = useLiveSyncedSecrets();
  const { controls, setSearch, setControls } = useListUrlState();
  const { data: pages, error, isPending, isError, isFetching, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useInfiniteQuery(syncedSecretPagesQuery(controls, { live }));
  const rows = useMemo(() => pages?.pages.flatMap((p) => p.items) ?? [], [pages]);
  const data = pages?.pages[0];
  const more = useMemo(() => (hasNextPage ? { load: () => void fetchNextPage(), loading: isFetchingNextPage } : undefined),
    [hasNextPage, fetchNextPage, isFetchingNextPage]);
  const selectable = useMemo(() => rows.filter((s) => !s.system).map((s) => s.name), [rows]);

  const [deleting, setDeleting] = useState<readonly string[] | null>(null);
  const openDelete = useCallback((names: readonly string[]) => setDeleting(names), []);
  const closeDelete = useCallback(() => setDeleting(null), []);
  const { selected, actions, forget } = useSelection(selectable, openDelete);
  const onSort = useCallback((column: SortColumn) => setControls(toggleSort(controls, column)), [setControls, controls]);

  const total = data?.total ?? 0;
  const matching = data?.matching ?? 0;
  const term = controls.search.trim();
  return (
    <section aria-labelledby="synced-secrets-heading" className="flex flex-col gap-4" data-testid="synced-secrets">
      <h2 id="synced-secrets-heading" className="sr-only">Synced secrets</h2>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <SearchBox value={controls.search} onSearch={setSearch} />
        <FilterBar controls={controls} onChange={setControls} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {data ? (
            <p className="text-sm text-slate-700" role="status" data-testid="synced-secrets-count">
              {matching === total ? `${total.toLocaleString()} synced secrets` : `${matching.toLocaleString()} of ${total.toLocaleString()} synced secrets`}
            </p>
          ) : null}
          {data ? <IndexAge index={data.index} /> : null}
          <LiveStatus live={live} />
        </div>
        {canOperate && data ? <BulkActions selected={selected} onDelete={() => openDelete([...selected])} /> : null}
      </div>

      {isPending ? (
        <SyncedSecretsLoading />
      ) : !data ? (
        <SyncedSecretsError problem={error!} onRetry={() => void refetch()} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows, but say they may be out of date. */}
          {isError && error ? <SyncedSecretsError problem={error} onRetry={() => void refetch()} retrying={isFetching} /> : null}
          {total === 0 ? (
            <SyncedSecretsEmpty />
          ) : matching === 0 && isFiltered(controls) ? (
            <SyncedSecretsNoMatch />
          ) : (
            <RowActionsContext value={actions}>
              <SyncedSecretsTable
                rows={rows}
                matching={matching}
                more={more}
                canOperate={canOperate}
                controls={controls}
                onSort={onSort}
                caption={term ? `Synced secrets matching “${term}”` : "Synced secrets"}
              />
            </RowActionsContext>
          )}
        </>
      )}
      {deleting ? <DeleteDialog key={deleting.join(",")} names={deleting} onClose={closeDelete} onGone={forget} /> : null}
    </section>
  );
}
