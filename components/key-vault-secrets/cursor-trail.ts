/**
 * The API pages with an opaque forward-only cursor, so "Previous" needs to remember where each page came from.
 * Each step (search, cursor) → (previous cursor, page number) is kept in sessionStorage: a reload or the
 * browser's Back button lands on a URL whose way back is still known. Cursors are not secret values.
 */
export interface TrailStep {
  prev: string;
  page: number;
}

const STORAGE_KEY = "ops-portal:kv-secrets-trail";
const MAX_STEPS = 500; // bounded: a long session must not grow storage without limit

type Trail = Record<string, TrailStep>;

const key = (search: string, cursor: string) => JSON.stringify([search, cursor]);

function load(): Trail {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Trail) : {};
  } catch {
    return {}; // storage disabled or corrupt: paging still works forward, "Previous" falls back to page 1
  }
}

export function rememberStep(search: string, cursor: string, step: TrailStep): void {
  const trail = load();
  trail[key(search, cursor)] = step;
  const keys = Object.keys(trail);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_STEPS))) delete trail[old];
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(trail));
  } catch {
    // Quota or privacy mode: nothing to do, the step is simply not remembered.
  }
}

/** Where (search, cursor) came from; page 1 has no step. `null` when unknown, e.g. a pasted URL. */
export function lookupStep(search: string, cursor: string): TrailStep | null {
  if (!cursor) return null;
  return load()[key(search, cursor)] ?? null;
}
