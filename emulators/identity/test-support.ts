import { request } from "node:https";

export interface JsonReply { status: number; headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }

/** One HTTPS request trusting only `ca`; the reply body parsed as JSON (empty → {}). For stand-in tests. */
export function httpsJson(method: string, url: string, o: {
  ca: string; body?: string | Buffer; contentType?: string; headers?: Record<string, string>;
}): Promise<JsonReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined) headers["content-type"] = o.contentType ?? "application/x-www-form-urlencoded";
    const req = request(url, { method, ca: o.ca, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) as Record<string, unknown> : {} });
      });
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

export interface RawReply { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/** One HTTPS request trusting only `ca`, redirects not followed, body as text (the browser's view). */
export function httpsRaw(method: string, url: string, o: {
  ca: string; body?: string; headers?: Record<string, string>;
}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: o.ca, headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(o.body);
  });
}
