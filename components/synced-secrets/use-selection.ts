"use client";

import { useCallback, useMemo, useState } from "react";
import type { RowActions } from "./row-actions-context";

/** The bulk delete route takes at most this many names at once (lib/schemas/synced-secret-delete.ts). */
export const BULK_DELETE_MAX = 100;

/**
 * The rows ticked for bulk delete. Only shown, selectable rows count: a row filtered out, turned system or gone
 * (deleted elsewhere) drops out of the selection without the operator having to untick it.
 */
export function useSelection(selectable: readonly string[], openDelete: (names: readonly string[]) => void) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const selected = useMemo(() => new Set(selectable.filter((n) => ticked.has(n))), [selectable, ticked]);

  const setSelected = useCallback((name: string, on: boolean) => setTicked((prev) => {
    const next = new Set(prev);
    if (on) next.add(name); else next.delete(name);
    return next;
  }), []);
  const setAllSelected = useCallback((on: boolean) => setTicked(on ? new Set(selectable) : new Set()), [selectable]);
  const forget = useCallback((names: readonly string[]) => setTicked((prev) => new Set([...prev].filter((n) => !names.includes(n)))), []);

  const actions: RowActions = useMemo(
    () => ({ selected, setSelected, selectable, setAllSelected, openDelete }),
    [selected, setSelected, selectable, setAllSelected, openDelete],
  );
  return { selected, actions, forget };
}
