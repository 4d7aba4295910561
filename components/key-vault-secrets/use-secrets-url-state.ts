"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { lookupStep, rememberStep } from "./cursor-trail";

/**
 * The page's state lives in the URL (`?search=…&cursor=…`), so reload, Back/Forward and shared links show the
 * same page. Typing in the search box replaces the history entry; paging pushes one.
 */
export function useSecretsUrlState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.get("search") ?? "";
  const cursor = params.get("cursor") ?? "";
  const step = lookupStep(search, cursor);
  const page = cursor ? (step?.page ?? null) : 1;

  const href = useCallback(
    (s: string, c: string) => {
      const q = new URLSearchParams();
      if (s) q.set("search", s);
      if (c) q.set("cursor", c);
      const qs = q.toString();
      return qs ? `${pathname}?${qs}` : pathname;
    },
    [pathname],
  );

  const setSearch = useCallback(
    (next: string) => router.replace(href(next, ""), { scroll: false }),
    [router, href],
  );

  const goNext = useCallback(
    (nextCursor: string) => {
      rememberStep(search, nextCursor, { prev: cursor, page: (page ?? 0) + 1 });
      router.push(href(search, nextCursor), { scroll: false });
    },
    [router, href, search, cursor, page],
  );

  const goPrevious = useCallback(() => {
    router.push(href(search, step?.prev ?? ""), { scroll: false });
  }, [router, href, search, step]);

  return { search, cursor, page, setSearch, goNext, goPrevious };
}
