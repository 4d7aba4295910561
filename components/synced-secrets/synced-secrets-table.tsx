"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { DataTable } from "@/components/ui/data-table";
import { DeleteSyncedSecret } from "./delete-synced-secret";
import { SyncStatusCell } from "./sync-status-cell";
import { UsedByCell } from "./used-by-cell";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, SyncedSecret>();

const readColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: (info) => (
      <span className="inline-block min-w-32 font-mono text-sm font-medium [overflow-wrap:anywhere] text-slate-900" data-testid="synced-secret-name">
        {info.getValue()}
      </span>
    ),
  }),
  col.accessor("references", {
    header: "Key Vault secret → key",
    cell: (info) => (
      <ul className="flex flex-col gap-0.5 font-mono text-xs" data-testid="synced-secret-references">
        {info.getValue().map((m) => (
          <li key={m.targetKey} className="min-w-40 [overflow-wrap:anywhere]">
            {m.sourcePath} <span aria-label="to">→</span> {m.targetKey}
          </li>
        ))}
      </ul>
    ),
  }),
  col.accessor("usedBy", { header: "Used by", cell: (info) => <UsedByCell users={info.getValue()} /> }),
  col.accessor("sync", { header: "Status", cell: (info) => <SyncStatusCell sync={info.getValue()} /> }),
  col.accessor("secret", {
    header: "Secret type",
    cell: (info) => {
      const secret = info.getValue();
      return (
        <div data-testid="synced-secret-type" className="flex min-w-28 flex-col gap-0.5">
          <span className="font-mono text-xs">{secret?.type ?? info.row.original.secretType}</span>
          <span className="text-xs text-slate-700">
            {secret ? `Keys: ${secret.keys.join(", ") || "none"}` : "Secret not created yet"}
          </span>
        </div>
      );
    },
  }),
]);

/** Operators also get a Delete per row (the API checks the role again; this only hides what would be refused). */
const operatorColumns = col.columns([
  ...readColumns,
  col.display({
    id: "actions",
    header: "Actions",
    cell: (info) => (info.row.original.managedByPortal
      ? <DeleteSyncedSecret secret={info.row.original} />
      : <span className="text-xs text-slate-700">Not created by the portal</span>),
  }),
]);

export function SyncedSecretsTable({ rows, canOperate }: { rows: SyncedSecret[]; canOperate: boolean }) {
  const columns = canOperate ? operatorColumns : readColumns;
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.name });
  return (
    <DataTable
      table={table}
      caption="Synced secrets"
      testId="synced-secrets-table"
      rowProps={(sync) => ({ "data-testid": "synced-secret-row", "data-secret-name": sync.name })}
    />
  );
}
