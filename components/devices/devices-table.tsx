"use client";

import Link from "next/link";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { DeviceEndpointRow } from "@/lib/schemas/device-api";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { syncedSecretHref } from "@/components/endpoint-form/synced-secret-href";
import { authenticationLabel, endpointTypeLabel } from "./labels";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, DeviceEndpointRow>();

const LINK = "font-medium text-blue-800 underline hover:text-blue-900 [overflow-wrap:anywhere]";
const NONE = <span className="text-slate-600">—</span>;

/** A device without endpoints has one row with empty endpoint fields. */
const hasEndpoint = (row: DeviceEndpointRow) => row.endpoint !== "";

const readColumns = col.columns([
  // Whether the device is enabled, and each endpoint's type, sit under the names: every column then fits beside
  // the navigation at 1440 px.
  col.accessor("device", {
    header: "Device",
    cell: (info) => (
      <div className="flex flex-col items-start gap-1">
        <Link href={`/devices/${encodeURIComponent(info.getValue())}`} className={`${LINK} font-mono`} data-testid="device-link">
          {info.getValue()}
        </Link>
        <Badge tone={info.row.original.deviceEnabled ? "success" : "neutral"} data-testid="device-enabled">
          {info.row.original.deviceEnabled ? "Enabled" : "Disabled"}
        </Badge>
      </div>
    ),
  }),
  col.accessor("endpoint", {
    header: "Endpoint",
    cell: (info) => hasEndpoint(info.row.original)
      ? (
        <div className="flex flex-col gap-0.5">
          <span className="font-mono [overflow-wrap:anywhere]" data-testid="device-endpoint-name">{info.getValue()}</span>
          <span className="text-xs text-slate-700" title={info.row.original.endpointType} data-testid="device-endpoint-type">
            {endpointTypeLabel(info.row.original.endpointType)}
          </span>
        </div>
      )
      : <span className="text-xs text-slate-700" data-testid="device-endpoint-name">No inbound endpoints</span>,
  }),
  col.accessor("address", {
    header: "Address",
    cell: (info) => info.getValue()
      ? <span className="inline-block min-w-28 font-mono text-xs break-all">{info.getValue()}</span>
      : NONE,
  }),
  col.accessor("authenticationMethod", {
    header: "Authentication",
    cell: (info) => info.getValue() ? <span>{authenticationLabel(info.getValue())}</span> : NONE,
  }),
  col.accessor("syncedSecretName", {
    header: "Synced secret",
    cell: (info) => {
      const name = info.getValue();
      return name
        ? <Link href={syncedSecretHref(name)} className="inline-block min-w-32 font-mono text-xs font-medium [overflow-wrap:anywhere] text-blue-800 underline hover:text-blue-900" data-testid="device-synced-secret-link">{name}</Link>
        : NONE;
    },
  }),
  col.accessor("sync", {
    header: "Sync state",
    cell: (info) => hasEndpoint(info.row.original) ? <SyncStateView sync={info.getValue()} testId="device-sync-state" /> : NONE,
  }),
  col.accessor("edgeError", {
    header: "Edge error",
    cell: (info) => info.getValue()
      ? <p className="line-clamp-4 max-w-xs min-w-32 text-xs [overflow-wrap:anywhere] text-red-800" title={info.getValue() ?? undefined} data-testid="device-edge-error">{info.getValue()}</p>
      : NONE,
  }),
]);

/** Operators also get Edit per row (the API checks the role again; this only hides what would be refused). */
const operatorColumns = col.columns([
  ...readColumns,
  col.display({
    id: "actions",
    header: "Actions",
    cell: (info) => (
      <Link
        href={`/devices/${encodeURIComponent(info.row.original.device)}`}
        className={LINK}
        data-testid="device-edit"
        aria-label={`Edit ${info.row.original.device}`}
      >
        Edit
      </Link>
    ),
  }),
]);

export function DevicesTable({ rows, canOperate, caption }: { rows: DeviceEndpointRow[]; canOperate: boolean; caption: string }) {
  const columns = canOperate ? operatorColumns : readColumns;
  const table = useTable({ features, columns, data: rows, getRowId: (row) => `${row.device}/${row.endpoint}` });
  return (
    <DataTable
      table={table}
      caption={caption}
      testId="devices-table"
      rowProps={(row) => ({
        "data-testid": "device-row",
        "data-device": row.device,
        "data-endpoint": row.endpoint,
        "data-sync-state": row.sync?.state ?? "none",
      })}
    />
  );
}
