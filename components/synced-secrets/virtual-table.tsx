"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type HTMLAttributes, type ReactNode } from "react";
import type { ReactTable, RowData, TableFeatures } from "@tanstack/react-table";
import { cn } from "@/components/ui/cn";

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { "data-testid": string } & Record<`data-${string}`, string>;

/**
 * Up to this many rows every row is in the DOM (the usual case: find-in-page and screen readers see them all).
 * Above it only the rows near the visible part are rendered, so 2,000 synced secrets cost about as much as 30.
 */
export const VIRTUALIZE_ABOVE = 100;
/** A first guess at a row's height before it is measured (rows grow with their references and users). */
const ESTIMATED_ROW_PX = 76;
const OVERSCAN_ROWS = 8;
/** Ask for the next page when the rows in view come this close to the last one loaded. */
const LOAD_AHEAD_ROWS = 20;

/**
 * The portal's list table (as components/ui/data-table.tsx draws it) with virtualised rows: still a real `<table>`,
 * its `aria-rowcount` giving every row and each rendered row its `aria-rowindex`, so assistive technology knows where
 * it is in the whole list. Rows out of view are replaced by a spacer row above and below. Columns have fixed widths
 * (`columnClass`) so they do not jump as different rows scroll in. The table scrolls inside its own region with the
 * header kept on top; the region is focusable, so arrow keys and Page Down scroll it. When the rows are loaded a page at
 * a time (`more`), scrolling near the last loaded row asks for the next page, and a row at the end says it is coming.
 */
export function VirtualTable<TFeatures extends TableFeatures, TData extends RowData>({
  table, caption, testId, rowProps, columnClass, headerCell, rowCount, more,
}: {
  table: ReactTable<TFeatures, TData>;
  caption: string;
  testId: string;
  rowProps: (row: TData) => RowAttributes;
  /** Width class per column id (`w-64`). */
  columnClass: Record<string, string>;
  /** Draws a header cell's content (e.g. as a sort button); it also returns the header's `aria-sort`. */
  headerCell: (columnId: string, label: ReactNode) => { content: ReactNode; ariaSort?: "ascending" | "descending" | "none" };
  /** Rows in the whole list when only some are loaded (for `aria-rowcount`); default: the rows given. */
  rowCount?: number;
  /** More rows to load: `load` is called as the view nears the end of those loaded. */
  more?: { load: () => void; loading: boolean };
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  // A list loaded page by page is always virtualised: what is in view decides which page comes next.
  const virtualize = rows.length > VIRTUALIZE_ABOVE || more !== undefined;
  // The React Compiler is not enabled (next.config.ts), so nothing here is memoized behind the virtualizer's back.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtualize ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualize ? virtualizer.getVirtualItems() : null;
  const shown = items ? items.map((v) => ({ row: rows[v.index]!, index: v.index })) : rows.map((row, index) => ({ row, index }));
  const padTop = items?.[0]?.start ?? 0;
  const padBottom = items && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const columnIds = table.getAllLeafColumns().map((c) => c.id);
  const lastShown = shown[shown.length - 1]?.index ?? -1;
  const nearEnd = more !== undefined && !more.loading && lastShown >= rows.length - LOAD_AHEAD_ROWS;
  useEffect(() => {
    if (nearEnd) more.load();
  }, [nearEnd, more]);

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={caption}
      tabIndex={0}
      data-testid={`${testId}-scroll`}
      className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table className="w-full min-w-[64rem] table-fixed border-collapse text-left text-sm" aria-rowcount={(rowCount ?? rows.length) + 1} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {columnIds.map((id) => <col key={id} className={columnClass[id]} />)}
        </colgroup>
        <thead className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-700 uppercase shadow-[0_1px_0_0_var(--color-slate-200)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const label = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                const { content, ariaSort } = headerCell(header.column.id, label);
                return (
                  <th key={header.id} scope="col" aria-sort={ariaSort} className="px-4 py-2.5 font-semibold">
                    {content}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {padTop > 0 ? <SpacerRow height={padTop} columns={columnIds.length} /> : null}
          {shown.map(({ row, index }) => {
            const { className, ...attributes } = rowProps(row.original);
            return (
              <tr
                key={row.id}
                ref={virtualize ? virtualizer.measureElement : undefined}
                data-index={index}
                aria-rowindex={index + 2}
                {...attributes}
                className={cn("align-top hover:bg-slate-50", className)}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-2.5 text-slate-800">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 ? <SpacerRow height={padBottom} columns={columnIds.length} /> : null}
          {more ? (
            <tr data-testid={`${testId}-more`}>
              <td colSpan={columnIds.length} className="px-4 py-3 text-sm text-slate-700">
                {more.loading ? "Loading more…" : "Scroll for more"}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows out of view, so the scrollbar is the whole list's. Hidden from assistive technology. */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" data-testid="virtual-spacer">
      {/* Inline height: the page's CSP allows style attributes (style-src-attr), and this one changes per scroll. */}
      <td colSpan={columns} className="p-0" style={{ height }} />
    </tr>
  );
}
