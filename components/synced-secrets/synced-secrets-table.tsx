"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
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
    // Focusable region: on a narrow window the table scrolls sideways, and keyboard users must reach that too.
    <div
      role="region"
      aria-label="Synced secrets"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table className="w-full border-collapse text-left text-sm" data-testid="synced-secrets-table">
        <caption className="sr-only">Synced secrets</caption>
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
            <tr key={row.id} data-testid="synced-secret-row" data-secret-name={row.original.name} className="align-top hover:bg-slate-50">
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
