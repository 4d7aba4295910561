import { useSyncExternalStore } from "react";

/**
 * A stand-in for `next/navigation` in DOM tests: the URL's query lives here, `push`/`replace` change it and every
 * `useSearchParams` re-renders, as in the browser. Test support only; the portal never loads it.
 * Use: `vi.mock("next/navigation", () => import("./testing/fake-navigation").then((m) => m.navigationModule))`.
 */
let href = "/secrets";
const listeners = new Set<() => void>();
export const history: { how: "push" | "replace"; href: string }[] = [];

function go(how: "push" | "replace", next: string) {
  href = next;
  history.push({ how, href: next });
  for (const l of listeners) l();
}

/** Sets the URL before a render (no history entry). */
export function setUrl(next: string): void {
  href = next;
  history.length = 0;
  for (const l of listeners) l();
}

export const currentUrl = () => href;

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const query = () => href.split("?")[1] ?? "";

const router = {
  push: (h: string) => go("push", h),
  replace: (h: string) => go("replace", h),
  back: () => undefined,
  forward: () => undefined,
  refresh: () => undefined,
  prefetch: () => undefined,
};

// In Next the browser's own history API is followed by the router; here it writes to the fake URL instead.
if (typeof window !== "undefined") {
  window.history.pushState = (_state: unknown, _unused: string, url?: string | URL | null) => go("push", String(url ?? href));
  window.history.replaceState = (_state: unknown, _unused: string, url?: string | URL | null) => go("replace", String(url ?? href));
}

export const navigationModule = {
  useSearchParams: () => new URLSearchParams(useSyncExternalStore(subscribe, query, query)),
  usePathname: () => href.split("?")[0]!,
  useRouter: () => router,
};
