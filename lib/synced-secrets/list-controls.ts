/**
 * The Secrets page's search, filters and sort, as they stand in the URL (`/secrets?search=kafka&state=failed&sort=-status`)
 * so reload, Back/Forward and links (the Devices page links to `/secrets?search=<name>`) show the same list.
 * Defaults are left out of the URL, so a plain `/secrets` is the whole list sorted by name.
 */

export const STATE_FILTERS = ["synced", "syncing", "failed"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const SORT_COLUMNS = ["name", "keys", "usedBy", "status"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = "asc" | "desc";

export interface ListControls {
  search: string;
  /** Empty: every state. */
  states: readonly StateFilter[];
  unused: boolean;
  warnings: boolean;
  system: boolean;
  sort: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_CONTROLS: ListControls = {
  search: "", states: [], unused: false, warnings: false, system: false, sort: "name", direction: "asc",
};

const isState = (s: string): s is StateFilter => (STATE_FILTERS as readonly string[]).includes(s);
const isSortColumn = (s: string): s is SortColumn => (SORT_COLUMNS as readonly string[]).includes(s);
const flag = (params: URLSearchParams, name: string) => params.get(name) === "1";

/** Reads the controls from a query string; anything it does not know is ignored (an old or hand-edited link still opens). */
export function parseControls(params: URLSearchParams): ListControls {
  const states = (params.get("state") ?? "").split(",").filter(isState);
  const sortParam = params.get("sort") ?? "";
  const direction: SortDirection = sortParam.startsWith("-") ? "desc" : "asc";
  const column = sortParam.replace(/^-/, "");
  return {
    search: params.get("search") ?? "",
    states: STATE_FILTERS.filter((s) => states.includes(s)),
    unused: flag(params, "unused"),
    warnings: flag(params, "warnings"),
    system: flag(params, "system"),
    ...(isSortColumn(column) ? { sort: column, direction } : { sort: "name", direction: "asc" }),
  };
}

/** The canonical query string of the controls (defaults left out; `""` for the plain list). */
export function controlsToQuery(c: ListControls): string {
  const q = new URLSearchParams();
  if (c.search) q.set("search", c.search);
  if (c.states.length > 0) q.set("state", STATE_FILTERS.filter((s) => c.states.includes(s)).join(","));
  if (c.unused) q.set("unused", "1");
  if (c.warnings) q.set("warnings", "1");
  if (c.system) q.set("system", "1");
  if (c.sort !== "name" || c.direction !== "asc") q.set("sort", `${c.direction === "desc" ? "-" : ""}${c.sort}`);
  return q.toString();
}

/** Whether anything narrows the list (to tell "no synced secrets" from "none match"). */
export function isFiltered(c: ListControls): boolean {
  return c.search.trim() !== "" || c.states.length > 0 || c.unused || c.warnings || c.system;
}

/** Clicking a column header: sort by it ascending, or flip the direction when it already sorts. */
export function toggleSort(c: ListControls, column: SortColumn): ListControls {
  return c.sort === column
    ? { ...c, direction: c.direction === "asc" ? "desc" : "asc" }
    : { ...c, sort: column, direction: "asc" };
}
