import { request } from "node:https";

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

export interface RawRequest {
  url: string;
  /** Sent as is, not normalised the way URL parsing would (`/%2e%2e/` stays): for malformed-path tests. */
  rawPath?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  ca: string;                 // PEM of the local CA: the stand-ins' certificates are signed by it
  timeoutMs?: number;
}

/** One HTTPS request below any SDK, so tests can send what a well-behaved client never would. */
export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered: RawResponse | undefined;
    const url = new URL(r.url);
    // Node sends a DELETE/OPTIONS body with neither length nor chunking unless told: the server would then read
    // the body as the next request. Declaring the length keeps every method well framed.
    // (A caller that asks for chunked transfer gets it instead: the server must then count bytes as they arrive.)
    const chunked = Object.entries(r.headers ?? {}).some(([k, v]) => k.toLowerCase() === "transfer-encoding" && /chunked/i.test(v));
    const length = r.body === undefined || chunked ? {} : { "content-length": String(Buffer.byteLength(r.body)) };
    const options = { method: r.method ?? "GET", headers: { ...length, ...r.headers }, ca: r.ca, agent: false,
      host: url.hostname.replace(/^\[|\]$/g, ""), port: url.port, path: r.rawPath ?? `${url.pathname}${url.search}` };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      answered = { status: res.statusCode ?? 0, headers: res.headers, body: "" };
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ ...answered!, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => resolve({ ...answered!, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.setTimeout(r.timeoutMs ?? 10_000, () => req.destroy(new Error(`timeout after ${r.timeoutMs ?? 10_000} ms: ${r.url}`)));
    // A server that refuses a large upload early (413) may reset the socket while we still write: its answer counts.
    req.on("error", (err) => (answered ? resolve(answered) : reject(err)));
    req.end(r.body);
  });
}

/** Parses `Bearer k="v", k2="v2"` into its parameters. */
export function parseBearerChallenge(header: string | string[] | undefined): Record<string, string> {
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  if (!/^\s*Bearer\s/i.test(text)) return {};
  const params: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) if (key) params[key] = value ?? "";
  return params;
}

/** The `error.code` of an Azure error body, or null when the body is not one. */
export function azureErrorCode(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed?.error?.code === "string" ? parsed.error.code : null;
  } catch {
    return null;
  }
}
