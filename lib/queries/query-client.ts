import { QueryClient, isServer } from "@tanstack/react-query";
import { isApiProblem } from "@/lib/api/client";

/** Retry only what may heal by itself: network failures and upstream 5xx, never a 4xx the operator must fix. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isApiProblem(error)) return true;
  return error.status === 0 || error.status >= 500;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/**
 * One QueryClient per browser tab (so the cache survives navigation), a fresh one per server render
 * (so one request's data can never leak into another's).
 */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
