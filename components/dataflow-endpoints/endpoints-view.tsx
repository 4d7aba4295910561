"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useCan } from "@/lib/auth/session-roles";
import { dataflowEndpointsQuery } from "@/lib/queries/dataflow-endpoints";
import { CreateEndpointLink } from "./create-endpoint-link";
import { EndpointsTable } from "./endpoints-table";
import { filterEndpointRows } from "./filter-rows";
import { EndpointsEmpty, EndpointsError, EndpointsLoading, EndpointsNoMatch } from "./list-states";
import { EndpointsSecretSyncNotice } from "./secret-sync-notice";

/** One row per data flow endpoint, with its synced secret's state; refreshed every 2 s while one is syncing. */
export function EndpointsView() {
  const canOperate = useCan("operator");
  const [term, setTerm] = useState("");
  const { data, error, isPending, isError, isFetching, refetch } = useQuery(dataflowEndpointsQuery());
  const rows = useMemo(() => (data ? filterEndpointRows(data.items, term) : []), [data, term]);
  const trimmed = term.trim();
  const retry = () => void refetch();

  return (
    <section aria-labelledby="dataflow-endpoints-heading" className="flex flex-col gap-4" data-testid="dataflow-endpoints">
      <h2 id="dataflow-endpoints-heading" className="sr-only">Data flow endpoints</h2>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div role="search" className="flex flex-col gap-1">
          <label htmlFor="dataflow-endpoint-search" className="text-sm font-medium text-slate-800">Search</label>
          <input
            id="dataflow-endpoint-search"
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            placeholder="Name, type, host, authentication or secret"
            autoComplete="off"
            spellCheck={false}
            data-testid="dataflow-endpoints-search"
            className="w-96 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
          />
        </div>
        {canOperate ? <CreateEndpointLink /> : null}
      </div>

      {isPending ? (
        <EndpointsLoading />
      ) : !data ? (
        <EndpointsError problem={error} onRetry={retry} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows, but say they may be out of date. */}
          {isError ? <EndpointsError problem={error} onRetry={retry} retrying={isFetching} /> : null}
          <EndpointsSecretSyncNotice secretSync={data.secretSync} />
          {data.items.length === 0 ? (
            <EndpointsEmpty canOperate={canOperate} />
          ) : rows.length === 0 ? (
            <EndpointsNoMatch term={trimmed} />
          ) : (
            <EndpointsTable
              rows={rows}
              canOperate={canOperate}
              caption={trimmed ? `Data flow endpoints matching “${trimmed}”` : "All data flow endpoints"}
            />
          )}
        </>
      )}
    </section>
  );
}
