"use client";

import type { HTMLAttributes } from "react";
import type { ReactTable, RowData, TableFeatures } from "@tanstack/react-table";
import { cn } from "./cn";

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { "data-testid": string } & Record<`data-${string}`, string>;

/**
 * Renders a TanStack Table as the portal's list table: a focusable scroll region (on a narrow window the table
 * scrolls sideways, and keyboard users must reach that too), a caption for screen readers, one header row style.
 * Columns and rows stay with the feature; `rowProps` gives each row its test id, data attributes and extra classes.
 */
export function DataTable<TFeatures extends TableFeatures, TData extends RowData>({
  table, caption, testId, busy = false, rowProps,
}: {
  table: ReactTable<TFeatures, TData>;
  caption: string;
  testId: string;
  busy?: boolean;
  rowProps: (row: TData) => RowAttributes;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table
        className={cn("w-full border-collapse text-left text-sm", busy && "opacity-60 transition-opacity")}
        aria-busy={busy}
        data-testid={testId}
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-700 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="px-3 py-2.5 font-semibold">
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => {
            const { className, ...attributes } = rowProps(row.original);
            return (
              <tr key={row.id} {...attributes} className={cn("align-top hover:bg-slate-50", className)}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2.5 text-slate-800">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
