"use client";

import { useMemo } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
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

interface KeyVaultSecretsTableProps {
  rows: KeyVaultSecretSummary[];
  /** The instant expiry is judged against: fixed per fetch so a re-render never reshuffles badges. */
  now: Date;
  /** True while the next page or search loads and the previous rows are still shown. */
  stale: boolean;
  caption: string;
}

export function KeyVaultSecretsTable({ rows, now, stale, caption }: KeyVaultSecretsTableProps) {
  // Columns close over `now`: rebuild them only when it changes (once per fetched page).
  const columns = useMemo(() => columnsFor(now), [now]);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.name });
  return (
    <DataTable
      table={table}
      caption={caption}
      testId="kv-secrets-table"
      busy={stale}
      rowProps={(secret) => ({ "data-testid": "kv-secret-row", "data-secret-name": secret.name,
        className: cn(!secret.enabled && "bg-slate-50/70") })}
    />
  );
}
