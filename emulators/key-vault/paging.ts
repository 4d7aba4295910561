import { badParameter } from "./errors";
import { LIMITS } from "./model";

/** `maxresults` (1–25, default 25) and the opaque `$skiptoken` of a list request. */
export function readPaging(query: URLSearchParams): { max: number; maxGiven: boolean; after: string | undefined } {
  const raw = query.get("maxresults");
  let max: number = LIMITS.pageSize;
  if (raw !== null && raw !== "") {
    max = Number(raw);
    if (!/^\d+$/.test(raw) || max < 1 || max > LIMITS.pageSize) {
      throw badParameter(`Invalid value for 'maxresults': ${raw.slice(0, 40)}. It must be an integer between 1 and ${LIMITS.pageSize}.`);
    }
  }
  const token = query.get("$skiptoken");
  return { max, maxGiven: raw !== null && raw !== "", after: token ? decodeSkipToken(token) : undefined };
}

/** Absolute, as Azure's: clients GET it unchanged. `null` on the last page. */
export function nextLink(vaultUrl: string, path: string, apiVersion: string, after: string | undefined, max: number,
  maxGiven: boolean): string | null {
  if (after === undefined) return null;
  const token = Buffer.from(JSON.stringify({ after }), "utf8").toString("base64url");
  return `${vaultUrl}${path}?api-version=${encodeURIComponent(apiVersion)}&$skiptoken=${token}` +
    (maxGiven ? `&maxresults=${max}` : "");
}

function decodeSkipToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof parsed.after === "string") return parsed.after;
  } catch {
    // falls through to the refusal below
  }
  throw badParameter("Invalid value for '$skiptoken': it is not a token this vault issued.");
}
