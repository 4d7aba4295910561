"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { controlsToQuery, parseControls, type ListControls } from "./list-controls";

/**
 * The list's search, filters and sort, read from and written to the URL. Typing a search replaces the history entry
 * (Back does not step through every keystroke); a filter or sort change pushes one, so Back undoes it.
 * The browser's own history API, which Next's router follows (useSearchParams updates): the list is filtered in
 * the browser, so a change needs no server round trip and a checkbox shows its new state at once.
 */
export function useListUrlState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = params.toString();
  const controls = useMemo(() => parseControls(new URLSearchParams(query)), [query]);

  const go = useCallback(
    (next: ListControls, how: "push" | "replace") => {
      const qs = controlsToQuery(next);
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (how === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [pathname],
  );

  const setSearch = useCallback((search: string) => go({ ...controls, search }, "replace"), [go, controls]);
  const setControls = useCallback((next: ListControls) => go(next, "push"), [go]);
  return { controls, setSearch, setControls };
}
