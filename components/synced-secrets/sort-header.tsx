import type { ReactNode } from "react";
import type { ListControls, SortColumn } from "@/lib/synced-secrets/list-controls";

/**
 * A column header that sorts: a button inside the `<th>` (which carries `aria-sort`), so the sort is reachable by
 * keyboard and announced. Clicking the sorting column again flips the direction.
 */
export function sortHeader(controls: ListControls, column: SortColumn, label: ReactNode, onSort: (column: SortColumn) => void) {
  const active = controls.sort === column;
  const ariaSort = active ? (controls.direction === "asc" ? "ascending" : "descending") : "none";
  return {
    ariaSort,
    content: (
      <button
        type="button"
        onClick={() => onSort(column)}
        className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-700"
        data-testid={`synced-secrets-sort-${column}`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-600"}>
          {active ? (controls.direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    ),
  } as const;
}
