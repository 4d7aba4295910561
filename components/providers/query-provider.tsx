"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { getQueryClient } from "@/lib/queries/query-client";

declare global {
  interface Window {
    /** Only in end-to-end builds: lets a test read the query and mutation caches and prove no secret value is there. */
    __opsPortalQueryClient?: QueryClient;
  }
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const client = getQueryClient();
  useEffect(() => {
    // Inlined at build time: a normal build never exposes the cache on window.
    if (process.env.NEXT_PUBLIC_E2E_HANDLES === "1") window.__opsPortalQueryClient = client;
  }, [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
