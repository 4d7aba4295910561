import { badRequest, expired } from "./status";

/**
 * `continue` tokens: opaque to clients (base64 of JSON, as the API server's are), holding the list's
 * resourceVersion and the last key served. A token older than the event window is expired (410), as one older than
 * etcd's compaction is on a real cluster.
 */
interface Token { v: 1; rv: number; start: string }

export function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, rv, start: lastKey } satisfies Token)).toString("base64url");
}

export function decodeContinue(token: string, oldestRv: number): { rv: number; after: string } {
  let parsed: Partial<Token>;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<Token>;
  } catch {
    throw badRequest(`continue key is not valid: illegal base64 data at input byte 0`);
  }
  if (parsed?.v !== 1 || typeof parsed.rv !== "number" || typeof parsed.start !== "string") {
    throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  if (parsed.rv < oldestRv) {
    throw expired("The provided continue parameter is too old to display a consistent list result. You can start a " +
      "new list without the continue parameter.");
  }
  return { rv: parsed.rv, after: parsed.start };
}

/** Index of the first key greater than `after` in sorted `keys`. */
export function upperBound(keys: readonly string[], after: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? "") <= after) lo = mid + 1; else hi = mid;
  }
  return lo;
}
