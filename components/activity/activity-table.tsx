"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import type { ActivityItem } from "@/lib/schemas/audit";
import { OUTCOME_LABEL, OUTCOME_TONE } from "./outcome";

const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, ActivityItem>();

const columns = col.columns([
  col.accessor("time", {
    header: "Time",
    cell: (info) => (
      <time className="whitespace-nowrap" dateTime={info.getValue()} title={info.getValue()}>{FORMAT.format(new Date(info.getValue()))}</time>
    ),
  }),
  col.accessor("actor", {
    header: "User",
    cell: (info) => (
      <>
        <span className="font-medium" data-testid="activity-user">{info.getValue().name}</span>
        <span className="block font-mono text-xs text-slate-600" title="Entra object id">{info.getValue().oid}</span>
      </>
    ),
  }),
  col.accessor("action", {
    header: "Action",
    cell: (info) => <span className="font-mono text-xs" data-testid="activity-action">{info.getValue()}</span>,
  }),
  col.accessor("resources", {
    header: "Resources",
    cell: (info) => <span className="font-mono text-xs break-all">{info.getValue().join(", ")}</span>,
  }),
  col.display({
    id: "outcome",
    header: "Outcome",
    cell: (info) => {
      const e = info.row.original;
      return (
        <span data-testid="activity-outcome">
          <Badge tone={OUTCOME_TONE[e.outcome]}>{OUTCOME_LABEL[e.outcome]}</Badge>
          <span className="ml-2 text-xs text-slate-600">
            {e.status ?? ""}{e.problem ? ` · ${e.problem}` : ""}{e.upstreamCode ? ` (${e.upstreamCode})` : ""}
          </span>
        </span>
      );
    },
  }),
  col.accessor("requestId", {
    header: "Request id",
    cell: (info) => <span className="font-mono text-xs text-slate-700">{info.getValue()}</span>,
  }),
]);

/** Writes through the portal, newest first: when, who, what, which resources, outcome, request id. */
export function ActivityTable({ items, busy }: { items: ActivityItem[]; busy: boolean }) {
  const table = useTable({ features, columns, data: items, getRowId: (row) => row.id });
  return (
    <DataTable
      table={table}
      caption="Activity entries"
      testId="activity-table"
      busy={busy}
      rowProps={(e) => ({ "data-testid": "activity-row", "data-outcome": e.outcome })}
    />
  );
}
