import "server-only";
import { AppError } from "@/server/errors";

/** Big enough that a namespace usually fits one page, small enough to bound one response. */
export const LIST_PAGE_SIZE = 500;
/** 500 × 400 = 200,000 objects: far beyond any namespace; a bound so a misbehaving server cannot loop us. */
const MAX_PAGES = 400;

/**
 * Every item of a list, fetched `limit`/`continue` page by page (one request per page). Throws what `fetchPage`
 * throws (raw client errors, mapped by the caller), except one 410 Expired: the continue token outlived the
 * server's snapshot, and one fresh, consistent list is allowed.
 */
export async function listAllPages<T>(kind: string, cluster: string,
  fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  try {
    return await listOnce(kind, cluster, fetchPage);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 410) throw err;
    return listOnce(kind, cluster, fetchPage);
  }
}

async function listOnce<T>(kind: string, cluster: string,
  fetchPage: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(token);
    items.push(...result.items);
    token = result.next || undefined;
    if (!token) return items;
  }
  throw new AppError("upstream", `The ${kind} list of ${cluster} did not end after ${MAX_PAGES} pages.`,
    { upstream: { service: "kubernetes", code: "TooManyPages" } });
}
