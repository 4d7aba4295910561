import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import type { ListControls, SortColumn, StateFilter } from "./list-controls";

/** What the search looks at: the synced secret's name, its keys, and the Key Vault secrets (and file names) they come from. */
function searchable(s: SyncedSecret): string[] {
  return [s.name, ...s.references.flatMap((r) => [r.targetKey, r.sourcePath, r.source?.keyVaultSecretName ?? ""])];
}

function stateOf(s: SyncedSecret): StateFilter | null {
  const state = s.sync.state;
  return state === "synced" || state === "syncing" || state === "failed" ? state : null;
}

/** The rows the controls let through: the search (any case) and every ticked filter. */
export function filterRows(rows: readonly SyncedSecret[], c: ListControls): SyncedSecret[] {
  const term = c.search.trim().toLowerCase();
  return rows.filter((s) =>
    (term === "" || searchable(s).some((f) => f.toLowerCase().includes(term)))
    && (c.states.length === 0 || c.states.includes(stateOf(s) as StateFilter))
    && (!c.unused || s.usedBy.length === 0)
    && (!c.warnings || s.warnings.length > 0)
    && (!c.system || s.system));
}

// Ascending: what needs attention last, so a descending sort puts failures on top.
const STATE_RANK: Record<SyncedSecret["sync"]["state"], number> = { synced: 0, syncing: 1, missing: 2, failed: 3 };

const firstSource = (s: SyncedSecret) =>
  s.references.map((r) => r.source?.keyVaultSecretName ?? r.sourcePath).sort()[0] ?? "";
const byName = (a: SyncedSecret, b: SyncedSecret) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const COMPARE: Record<SortColumn, (a: SyncedSecret, b: SyncedSecret) => number> = {
  name: byName,
  keys: (a, b) => firstSource(a).localeCompare(firstSource(b)),
  usedBy: (a, b) => a.usedBy.length - b.usedBy.length,
  status: (a, b) => STATE_RANK[a.sync.state] - STATE_RANK[b.sync.state],
};

/** Sorted by the column (ties by name, always ascending, so the order is stable while rows change live). */
export function sortRows(rows: readonly SyncedSecret[], column: SortColumn, direction: "asc" | "desc"): SyncedSecret[] {
  const sign = direction === "asc" ? 1 : -1;
  const compare = COMPARE[column];
  return [...rows].sort((a, b) => sign * compare(a, b) || byName(a, b));
}

/** The list as the page shows it. */
export function visibleRows(rows: readonly SyncedSecret[], c: ListControls): SyncedSecret[] {
  return sortRows(filterRows(rows, c), c.sort, c.direction);
}
