"use client";

import { useMemo } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { cn } from "@/components/ui/cn";
import { DateTime } from "./date-time";
import { ExpiryCell } from "./expiry-cell";
import { StatusCell } from "./status-cell";
import { TagsCell } from "./tags-cell";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, KeyVaultSecretSummary>();

function columnsFor(now: Date) {
  return col.columns([
    col.accessor("name", {
      header: "Name",
      cell: (info) => (
        <span className="inline-block min-w-40 font-mono text-sm font-medium [overflow-wrap:anywhere] text-slate-900" data-testid="kv-secret-name">
          {info.getValue()}
        </span>
      ),
    }),
    col.accessor("contentType", {
      header: "Content type",
      cell: (info) => info.getValue() ?? <span className="text-slate-600">—</span>,
    }),
    col.accessor("enabled", {
      header: "Status",
      cell: (info) => <StatusCell enabled={info.getValue()} notBefore={info.row.original.notBefore} now={now} />,
    }),
    col.accessor("updatedOn", { header: "Updated", cell: (info) => <DateTime value={info.getValue()} /> }),
    col.accessor("expiresOn", {
      header: "Expires",
      cell: (info) => <ExpiryCell expiresOn={info.getValue()} now={now} />,
    }),
    col.accessor("tags", { header: "Tags", cell: (info) => <TagsCell tags={info.getValue()} /> }),
  ]);
}

interface SecretsTableProps {
  rows: KeyVaultSecretSummary[];
  /** The instant expiry is judged against: fixed per fetch so a re-render never reshuffles badges. */
  now: Date;
  /** True while the next page or search loads and the previous rows are still shown. */
  stale: boolean;
  caption: string;
}

export function SecretsTable({ rows, now, stale, caption }: SecretsTableProps) {
  // Columns close over `now`: rebuild them only when it changes (once per fetched page).
  const columns = useMemo(() => columnsFor(now), [now]);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.name });
  return (
    // Focusable region: on a narrow window the table scrolls sideways, and keyboard users must reach that too.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table
        className={cn("w-full border-collapse text-left text-sm", stale && "opacity-60 transition-opacity")}
        aria-busy={stale}
        data-testid="kv-secrets-table"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-700 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="px-4 py-2.5 font-semibold">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid="kv-secret-row"
              data-secret-name={row.original.name}
              className={cn("align-top hover:bg-slate-50", !row.original.enabled && "bg-slate-50/70")}
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="px-4 py-2.5 text-slate-800">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
