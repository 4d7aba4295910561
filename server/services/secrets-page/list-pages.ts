import "server-only";
import { createHash } from "node:crypto";
import { visibleRows } from "@/lib/synced-secrets/filter-rows";
import { controlsToQuery, type ListControls } from "@/lib/synced-secrets/list-controls";
import type { ListSnapshot } from "./list-snapshots";

/**
 * One page of the Secrets list (`lib/schemas/synced-secret-list.ts`), cut from the shared snapshot: the rows the
 * controls let through, in their order, from `offset`. The order is worked out once per snapshot and controls and
 * kept (every reader of the same view shares it); the page's JSON is the snapshot's row JSON joined, never
 * re-serialised. So a request costs a lookup and a string join, and its body (what Next compresses per response) is
 * a page, not the whole list: 2 MB for 2,000 rows had cost ~30 ms of compression per reader.
 */
export interface ListPageQuery {
  controls: ListControls;
  offset: number;
  limit: number;
}

export interface ListPage {
  json: string;
  /** Changes with the snapshot and with the query. */
  etag: string;
}

/** Orders kept per snapshot, by the controls' query string; a snapshot is replaced on every change. */
const orders = new WeakMap<ListSnapshot, Map<string, readonly string[]>>();
const ORDERS_PER_SNAPSHOT = 32;

function orderOf(snapshot: ListSnapshot, controls: ListControls): readonly string[] {
  let kept = orders.get(snapshot);
  if (!kept) orders.set(snapshot, (kept = new Map()));
  const key = controlsToQuery(controls);
  let names = kept.get(key);
  if (!names) {
    names = visibleRows(snapshot.list.items, controls).map((s) => s.name);
    if (kept.size >= ORDERS_PER_SNAPSHOT) kept.clear();
    kept.set(key, names);
  }
  return names;
}

export function pageOf(snapshot: ListSnapshot, q: ListPageQuery): ListPage {
  const names = orderOf(snapshot, q.controls);
  const rows = names.slice(q.offset, q.offset + q.limit).map((n) => snapshot.rowJson.get(n)!);
  const { index, defaultSecretProviderClass, items } = snapshot.list;
  const json = `{"items":[${rows.join(",")}],"offset":${q.offset},"limit":${q.limit},"matching":${names.length},` +
    `"total":${items.length},"index":${JSON.stringify(index)},"defaultSecretProviderClass":${JSON.stringify(defaultSecretProviderClass)}}`;
  const etag = createHash("sha256").update(`${snapshot.etag}|${controlsToQuery(q.controls)}|${q.offset}|${q.limit}`)
    .digest("base64url").slice(0, 27);
  return { json, etag: `"${etag}"` };
}
