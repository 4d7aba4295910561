"use client";

import { createContext, useContext } from "react";

/**
 * What the table's write controls need from the page: the selection and the delete dialog. Passed by context so the
 * column definitions stay at module scope (TanStack Table re-derives its rows when columns change identity) while
 * the selection changes.
 */
export interface RowActions {
  selected: ReadonlySet<string>;
  setSelected: (name: string, on: boolean) => void;
  /** The shown rows that may be selected (non-system), for "select all". */
  selectable: readonly string[];
  setAllSelected: (on: boolean) => void;
  openDelete: (names: readonly string[]) => void;
}

export const RowActionsContext = createContext<RowActions | null>(null);

export function useRowActions(): RowActions {
  const actions = useContext(RowActionsContext);
  if (!actions) throw new Error("useRowActions outside RowActionsContext");
  return actions;
}
