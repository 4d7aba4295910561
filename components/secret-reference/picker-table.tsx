"use client";

import { useMemo } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { ExpiryCell } from "@/components/key-vault-secrets/expiry-cell";
import { StatusCell } from "@/components/key-vault-secrets/status-cell";
import { unpickable, type Unpickable } from "./pickable";

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, KeyVaultSecretSummary>();

interface Choice {
  /** Name of the radio group (one per dialog). */
  group: string;
  selected: string | null;
  onSelect: (name: string) => void;
  now: Date;
}

const radioId = (group: string, name: string) => `${group}-choose-${name}`;
const reasonId = (group: string, name: string) => `${group}-why-${name}`;

function columnsFor({ group, selected, onSelect, now }: Choice) {
  return col.columns([
    col.display({
      id: "choose",
      header: () => <span className="sr-only">Choose</span>,
      cell: ({ row: { original: s } }) => {
        const why = unpickable(s, now);
        return (
          <input
            id={radioId(group, s.name)}
            type="radio"
            name={group}
            value={s.name}
            checked={selected === s.name}
            disabled={why !== null}
            onChange={() => onSelect(s.name)}
            aria-describedby={why ? reasonId(group, s.name) : undefined}
            data-testid="kv-picker-choose"
            className="mt-1"
          />
        );
      },
    }),
    col.accessor("name", {
      header: "Name",
      cell: ({ row: { original: s } }) => {
        const why = unpickable(s, now);
        return (
          <div className="flex min-w-40 flex-col gap-1">
            <label htmlFor={radioId(group, s.name)} className="font-mono text-sm font-medium [overflow-wrap:anywhere] text-slate-900">
              {s.name}
            </label>
            {why ? (
              <span id={reasonId(group, s.name)} className="text-xs font-medium text-red-800" data-testid="kv-picker-unpickable" data-reason={why.reason}>
                <Reason why={why} />
              </span>
            ) : null}
          </div>
        );
      },
    }),
    col.accessor("contentType", { header: "Content type", cell: (info) => info.getValue() ?? <span className="text-slate-600">—</span> }),
    col.accessor("enabled", {
      header: "Status",
      cell: (info) => <StatusCell enabled={info.getValue()} notBefore={info.row.original.notBefore} now={now} />,
    }),
    col.accessor("updatedOn", { header: "Updated", cell: (info) => <DateTime value={info.getValue()} /> }),
    col.accessor("expiresOn", { header: "Expires", cell: (info) => <ExpiryCell expiresOn={info.getValue()} now={now} /> }),
  ]);
}

/** Why a secret cannot be chosen, in words: Key Vault would refuse to hand out its value. */
function Reason({ why }: { why: Unpickable }) {
  switch (why.reason) {
    case "disabled":
      return <>Cannot be chosen: disabled in Key Vault, so its value cannot be read.</>;
    case "expired":
      return <>Cannot be chosen: expired on <DateTime value={why.at} />.</>;
    case "not-yet-active":
      return <>Cannot be chosen: not active until <DateTime value={why.at} />.</>;
  }
}

/** One page of the vault's secrets as radio choices; disabled, expired and not-yet-active ones are shown, not pickable. */
export function PickerTable({ rows, caption, stale, ...choice }: Choice & { rows: KeyVaultSecretSummary[]; caption: string; stale: boolean }) {
  const { group, selected, onSelect, now } = choice;
  const columns = useMemo(() => columnsFor({ group, selected, onSelect, now }), [group, selected, onSelect, now]);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.name });
  return (
    <DataTable
      table={table}
      caption={caption}
      testId="kv-picker-table"
      busy={stale}
      rowProps={(s) => ({
        "data-testid": "kv-picker-row",
        "data-secret-name": s.name,
        "data-pickable": String(unpickable(s, now) === null),
        className: cn(unpickable(s, now) !== null && "bg-slate-50/70", selected === s.name && "bg-blue-50"),
      })}
    />
  );
}
