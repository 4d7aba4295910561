import type { KindDefinition } from "./kinds/types";
import { decodeContinue, encodeContinue, upperBound } from "./paging";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import type { KubeObject, ListOptions, ListResult } from "./store-types";

/** What a list reads: one resource's objects by `namespace/name` key, and the versions paging needs. */
export interface ListSource {
  keys: readonly string[];                       // sorted
  objects: ReadonlyMap<string, KubeObject> | undefined;
  resourceVersion: number;                       // the store's latest
  oldestRv: number;                              // continue tokens older than this are 410 Expired
}

/**
 * A list in key order (namespace, then name, as etcd orders keys), filtered by namespace and selectors, cut at
 * `limit` with a continue token resuming after the last key served. A continued list keeps the first page's
 * resourceVersion; `remainingItemCount` is given only without selectors, as the API server does.
 */
export function listObjects(def: KindDefinition, src: ListSource, o: ListOptions): ListResult {
  const byLabel = parseLabelSelector(o.labelSelector);
  const byField = parseFieldSelector(o.fieldSelector, def.selectableFields);
  const token = o.continue ? decodeContinue(o.continue, src.oldestRv) : undefined;
  const { keys } = src;
  const prefix = def.namespaced && o.namespace ? `${o.namespace}/` : "";
  const from = token ? upperBound(keys, token.after) : 0;
  const limit = o.limit && o.limit > 0 ? o.limit : Number.POSITIVE_INFINITY;
  const items: KubeObject[] = [];
  let lastKey = "";
  let remaining = 0;
  for (let i = prefix ? Math.max(from, lowerBound(keys, prefix)) : from; i < keys.length; i++) {
    const key = keys[i] ?? "";
    if (prefix && !key.startsWith(prefix)) break;
    const obj = src.objects?.get(key);
    if (!obj || !byLabel(obj) || !byField(obj)) continue;
    if (items.length < limit) { items.push(obj); lastKey = key; } else remaining += 1;
  }
  const listRv = token?.rv ?? src.resourceVersion;
  const selective = Boolean(o.labelSelector || o.fieldSelector);
  return {
    items, resourceVersion: String(listRv),
    ...(remaining > 0 ? { continue: encodeContinue(listRv, lastKey), ...(selective ? {} : { remainingItemCount: remaining }) } : {}),
  };
}

function lowerBound(keys: readonly string[], value: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? "") < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}
