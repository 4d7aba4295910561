"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { controlsToQuery, parseControls, type ListControls } from "./list-controls";

/**
 * The list's search, filters and sort, read from and written to the URL. Typing a search replaces the history entry
 * (Back does not step through every keystroke); a filter or sort change pushes one, so Back undoes it.
 */
export function useListUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const controls = useMemo(() => parseControls(new URLSearchParams(query)), [query]);

  const go = useCallback(
    (next: ListControls, how: "push" | "replace") => {
      const qs = controlsToQuery(next);
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (how === "push") router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [router, pathname],
  );

  const setSearch = useCallback((search: string) => go({ ...controls, search }, "replace"), [go, controls]);
  const setControls = useCallback((next: ListControls) => go(next, "push"), [go]);
  return { controls, setSearch, setControls };
}
