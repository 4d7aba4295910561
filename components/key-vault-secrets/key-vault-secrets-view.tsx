"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { keyVaultSecretsQuery } from "@/lib/queries/key-vault-secrets";
import { KEY_VAULT_SECRET_PAGE_SIZE } from "@/lib/schemas/key-vault-secret";
import { IndexStatus } from "./index-status";
import { EmptyState, ErrorState, LoadingRows } from "./list-states";
import { Pager } from "./pager";
import { SearchBox } from "./search-box";
import { KeyVaultSecretsTable } from "./key-vault-secrets-table";
import { useSecretsUrlState } from "./use-secrets-url-state";

const PAGE_SIZE = KEY_VAULT_SECRET_PAGE_SIZE.default;

export function KeyVaultSecretsView() {
  const { search, cursor, page, setSearch, goNext, goPrevious } = useSecretsUrlState();
  const term = search.trim();
  const query = useQuery(keyVaultSecretsQuery({ search: term, cursor, pageSize: PAGE_SIZE }));
  const { data, error, isPending, isError, isFetching, isPlaceholderData, refetch, dataUpdatedAt } = query;
  // Judge expiry against the time the page was fetched, so badges do not change while it is on screen.
  const now = useMemo(() => new Date(dataUpdatedAt || 0), [dataUpdatedAt]);

  return (
    <section aria-labelledby="kv-secrets-heading" className="flex flex-col gap-4" data-testid="kv-secrets">
      <h2 id="kv-secrets-heading" className="sr-only">
        Secrets
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <SearchBox value={search} onSearch={setSearch} />
        {data ? <IndexStatus index={data.index} /> : null}
      </div>

      {isPending ? (
        <LoadingRows />
      ) : !data ? (
        <ErrorState problem={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows the operator has, but say they may be out of date. */}
          {isError ? <ErrorState problem={error} onRetry={() => void refetch()} retrying={isFetching} /> : null}
          {data.items.length === 0 ? (
            <EmptyState search={term} indexFilling={data.index.state === "filling"} />
          ) : (
            <KeyVaultSecretsTable
              rows={data.items}
              now={now}
              stale={isPlaceholderData}
              caption={term ? `Key Vault secrets whose name contains “${term}”` : "Key Vault secrets"}
            />
          )}
          <Pager
            page={page}
            rowsOnPage={isPlaceholderData ? 0 : data.items.length}
            pageSize={PAGE_SIZE}
            hasPrevious={cursor !== ""}
            nextCursor={isPlaceholderData ? null : data.nextCursor}
            busy={isPlaceholderData}
            onPrevious={goPrevious}
            onNext={goNext}
          />
        </>
      )}
    </section>
  );
}
