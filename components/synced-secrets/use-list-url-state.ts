"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { controlsToQuery, parseControls, type ListControls } from "@/lib/synced-secrets/list-controls";

/**
 * The list's search, filters and sort, read from and written to the URL. Typing a search replaces the history entry
 * (Back does not step through every keystroke); a filter or sort change pushes one, so Back undoes it.
 * The browser's own history API, which Next's router follows (useSearchParams updates): the list is filtered in
 * the browser, so a change needs no server round trip. Next applies the new URL in a transition, so the change is
 * also held locally until it does: a checkbox shows its new state in the same event, not a moment later.
 */
export function useListUrlState() {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = params.toString();
  const fromUrl = useMemo(() => parseControls(new URLSearchParams(query)), [query]);
  // The last change made here, with the query it was made against: once the URL moves on, the URL wins again.
  const [pending, setPending] = useState<{ against: string; controls: ListControls } | null>(null);
  // Dropped for good once the URL has moved (React's "adjust state while rendering"): Back to that same URL later
  // must show what the URL says, not this old change.
  if (pending && pending.against !== query) setPending(null);
  const controls = pending && pending.against === query ? pending.controls : fromUrl;

  const go = useCallback(
    (next: ListControls, how: "push" | "replace") => {
      setPending({ against: query, controls: next });
      const qs = controlsToQuery(next);
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (how === "push") window.history.pushState(null, "", href);
      else window.history.replaceState(null, "", href);
    },
    [pathname, query],
  );

  const setSearch = useCallback((search: string) => go({ ...controls, search }, "replace"), [go, controls]);
  const setControls = useCallback((next: ListControls) => go(next, "push"), [go]);
  return { controls, setSearch, setControls };
}
