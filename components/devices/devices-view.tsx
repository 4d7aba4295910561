"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useCan } from "@/lib/auth/session-roles";
import { devicesQuery } from "@/lib/queries/devices";
import { CreateDeviceLink } from "./create-device-link";
import { DevicesTable } from "./devices-table";
import { filterDeviceRows } from "./filter-rows";
import { DevicesEmpty, DevicesError, DevicesLoading, DevicesNoMatch } from "./list-states";
import { DevicesSecretSyncNotice } from "./secret-sync-notice";

/** One row per inbound endpoint, with its synced secret's state; refreshed every 2 s while one is syncing. */
export function DevicesView() {
  const canOperate = useCan("operator");
  const [term, setTerm] = useState("");
  const { data, error, isPending, isError, isFetching, refetch } = useQuery(devicesQuery());
  const rows = useMemo(() => (data ? filterDeviceRows(data.items, term) : []), [data, term]);
  const trimmed = term.trim();

  return (
    <section aria-labelledby="devices-heading" className="flex flex-col gap-4" data-testid="devices">
      <h2 id="devices-heading" className="sr-only">Inbound endpoints</h2>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div role="search" className="flex flex-col gap-1">
          <label htmlFor="device-search" className="text-sm font-medium text-slate-800">Search</label>
          <input
            id="device-search"
            type="search"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            placeholder="Device, endpoint, address, type or secret"
            autoComplete="off"
            spellCheck={false}
            data-testid="devices-search"
            className="w-96 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
          />
        </div>
        {canOperate ? <CreateDeviceLink /> : null}
      </div>

      {isPending ? (
        <DevicesLoading />
      ) : !data ? (
        <DevicesError problem={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows, but say they may be out of date. */}
          {isError ? <DevicesError problem={error} onRetry={() => void refetch()} retrying={isFetching} /> : null}
          <DevicesSecretSyncNotice secretSync={data.secretSync} />
          {data.items.length === 0 ? (
            <DevicesEmpty canOperate={canOperate} />
          ) : rows.length === 0 ? (
            <DevicesNoMatch term={trimmed} />
          ) : (
            <DevicesTable
              rows={rows}
              canOperate={canOperate}
              caption={trimmed ? `Inbound endpoints matching “${trimmed}”` : "Inbound endpoints of all devices"}
            />
          )}
        </>
      )}
    </section>
  );
}
