"use client";

import Link from "next/link";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { DataflowEndpointRow } from "@/lib/schemas/dataflow-endpoint-api";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { syncedSecretHref } from "@/components/endpoint-form/synced-secret-href";
import { authenticationMethodLabel, dataflowEndpointHref } from "./labels";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, DataflowEndpointRow>();

const LINK = "font-medium text-blue-800 underline hover:text-blue-900 [overflow-wrap:anywhere]";
const NONE = <span className="text-slate-600">—</span>;

const readColumns = col.columns([
  col.accessor("name", {
    header: "Name",
    cell: (info) => (
      <div className="flex flex-col items-start gap-1">
        <Link href={dataflowEndpointHref(info.getValue())} className={`${LINK} font-mono`} data-testid="dataflow-endpoint-link">
          {info.getValue()}
        </Link>
        {/* AIO's own endpoint to the local broker: it is edited like any other, never deleted. */}
        {info.row.original.deletable ? null : (
          <Badge title="Azure IoT Operations' own endpoint: it can be edited, not deleted" data-testid="dataflow-endpoint-builtin">
            Built in
          </Badge>
        )}
      </div>
    ),
  }),
  col.accessor("typeLabel", {
    header: "Type",
    cell: (info) => {
      const r = info.row.original;
      return (
        <span title={r.hostType ? `${r.endpointType} / ${r.hostType}` : r.endpointType} data-testid="dataflow-endpoint-type">
          {info.getValue()}
        </span>
      );
    },
  }),
  col.accessor("host", {
    header: "Host",
    cell: (info) => info.getValue()
      ? <span className="inline-block min-w-40 font-mono text-xs [overflow-wrap:anywhere]" data-testid="dataflow-endpoint-host">{info.getValue()}</span>
      : NONE,
  }),
  col.accessor("authenticationMethod", {
    header: "Authentication",
    cell: (info) => info.getValue()
      ? <span title={info.getValue()} data-testid="dataflow-endpoint-auth">{authenticationMethodLabel(info.getValue())}</span>
      : NONE,
  }),
  col.accessor("syncedSecretName", {
    header: "Synced secret",
    cell: (info) => {
      const name = info.getValue();
      return name
        ? <Link href={syncedSecretHref(name)} className={`${LINK} font-mono text-xs`} data-testid="dataflow-endpoint-synced-secret-link">{name}</Link>
        : NONE;
    },
  }),
  col.accessor("sync", {
    header: "Sync state",
    cell: (info) => <SyncStateView sync={info.getValue()} testId="dataflow-endpoint-sync-state" />,
  }),
]);

/** Operators also get Edit per row (the API checks the role again; this only hides what would be refused). */
const operatorColumns = col.columns([
  ...readColumns,
  col.display({
    id: "actions",
    header: "Actions",
    cell: (info) => (
      <Link href={dataflowEndpointHref(info.row.original.name)} className={LINK} data-testid="dataflow-endpoint-edit"
        aria-label={`Edit ${info.row.original.name}`}>
        Edit
      </Link>
    ),
  }),
]);

export function EndpointsTable({ rows, canOperate, caption }: { rows: DataflowEndpointRow[]; canOperate: boolean; caption: string }) {
  const columns = canOperate ? operatorColumns : readColumns;
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.name });
  return (
    <DataTable
      table={table}
      caption={caption}
      testId="dataflow-endpoints-table"
      rowProps={(row) => ({
        "data-testid": "dataflow-endpoint-row",
        "data-name": row.name,
        "data-endpoint-type": row.endpointType,
        "data-host-type": row.hostType ?? "",
        "data-sync-state": row.sync?.state ?? "none",
        "data-deletable": String(row.deletable),
      })}
    />
  );
}
