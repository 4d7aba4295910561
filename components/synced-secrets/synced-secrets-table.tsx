"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { type ListControls, type SortColumn } from "@/lib/synced-secrets/list-controls";
import { NameCell } from "./name-cell";
import { ReferencesCell } from "./references-cell";
import { ActionsCell, SelectAllHeader, SelectCell } from "./row-controls";
import { sortHeader } from "./sort-header";
import { UsedByList } from "./used-by-cell";
import { VirtualTable } from "./virtual-table";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, SyncedSecret>();

const dataColumns = [
  col.accessor("name", { header: "Name", cell: (info) => <NameCell secret={info.row.original} /> }),
  col.accessor("references", { id: "keys", header: "Key Vault secret → key", cell: (info) => <ReferencesCell secret={info.row.original} /> }),
  col.accessor("usedBy", { header: "Used by", cell: (info) => <UsedByList users={info.getValue()} /> }),
  col.accessor("sync", { id: "status", header: "Status", cell: (info) => <SyncStateView sync={info.getValue()} testId="synced-secret-status" /> }),
];

const readColumns = col.columns(dataColumns);

/** Operators also get a checkbox and Sync now / Delete per row (the API checks the role again; this only hides). */
const operatorColumns = col.columns([
  col.display({ id: "select", header: () => <SelectAllHeader />, cell: (info) => <SelectCell secret={info.row.original} /> }),
  ...dataColumns,
  col.display({ id: "actions", header: "Actions", cell: (info) => <ActionsCell secret={info.row.original} /> }),
]);

// Fixed widths (the table is `table-fixed`): virtualised rows come and go, the columns must not move. The data
// columns take shares of the table's width, so every column fits beside the navigation at 1440 px (the content is
// ~1,120 px wide there); below the table's minimum width the region scrolls sideways.
const COLUMN_CLASS: Record<string, string> = {
  select: "w-10", name: "w-[19%]", keys: "w-[27%]", usedBy: "w-[17%]", status: "w-[19%]", actions: "w-36",
};

const SORTABLE: Record<string, SortColumn> = { name: "name", keys: "keys", usedBy: "usedBy", status: "status" };

export function SyncedSecretsTable({ rows, canOperate, controls, onSort, caption, matching, more }: {
  /** The loaded rows, filtered and sorted by the server. */
  rows: SyncedSecret[];
  /** Rows in the whole filtered list (some may not be loaded yet). */
  matching: number;
  more?: { load: () => void; loading: boolean };
  canOperate: boolean;
  controls: ListControls;
  onSort: (column: SortColumn) => void;
  caption: string;
}) {
  const table = useTable({ features, columns: canOperate ? operatorColumns : readColumns, data: rows, getRowId: (row) => row.name });
  const headerCell = (columnId: string, label: ReactNode) => {
    const sortColumn = SORTABLE[columnId];
    return sortColumn ? sortHeader(controls, sortColumn, label, onSort) : { content: label };
  };
  return (
    <VirtualTable
      table={table}
      caption={caption}
      testId="synced-secrets-table"
      columnClass={COLUMN_CLASS}
      headerCell={headerCell}
      rowCount={matching}
      more={more}
      rowProps={(s) => ({ "data-testid": "synced-secret-row", "data-secret-name": s.name, "data-state": s.sync.state,
        "data-system": String(s.system) })}
    />
  );
}
