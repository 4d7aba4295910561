import { Agent, request, type RequestOptions } from "node:https";
import type { IncomingMessage } from "node:http";

/**
 * Plain HTTPS for the sync controller (it is a client of three stand-ins, like the real controller and provider are
 * clients of kube-apiserver, Entra and Key Vault): one keep-alive agent per trusted CA, JSON in and out, a deadline
 * on every call so a hanging server cannot stall a reconcile forever.
 */
export interface HttpsResponse {
  status: number;
  headers: IncomingMessage["headers"];
  text: string;
  json: unknown;                         // undefined when the body is not JSON
}

export interface HttpsRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;                    // default 15 s
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class HttpsClient {
  private readonly agent: Agent;

  constructor(ca: string) {
    this.agent = new Agent({ ca, keepAlive: true, maxSockets: 16 });
  }

  send(r: HttpsRequest): Promise<HttpsResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...r.headers };
    if (r.body !== undefined) headers["content-length"] = String(Buffer.byteLength(r.body));
    return new Promise((resolve, reject) => {
      const req = request(r.url, { method: r.method, headers, agent: this.agent, timeout: r.timeoutMs ?? 15_000 },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY_BYTES) req.destroy(new Error(`response from ${String(r.url)} is over ${MAX_BODY_BYTES} bytes`));
            else chunks.push(c);
          });
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
          });
          res.on("error", reject);
        });
      req.on("timeout", () => req.destroy(new Error(`no answer from ${new URL(r.url).origin} within ${r.timeoutMs ?? 15_000} ms`)));
      req.on("error", reject);
      req.end(r.body);
    });
  }

  /**
   * A streaming request (watch): resolves with the response once headers arrive; the caller reads and ends it. A
   * stream silent for `idleMs` (no event, no bookmark) is destroyed, so a server that vanished is noticed.
   */
  stream(url: string | URL, o: RequestOptions & { headers?: Record<string, string>; idleMs?: number }): Promise<{ res: IncomingMessage; abort(): void }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: "GET", ...o, headers: { accept: "application/json", ...o.headers }, agent: this.agent,
        timeout: o.idleMs ?? 120_000 }, (res) => resolve({ res, abort: () => req.destroy() }));
      req.on("timeout", () => req.destroy(new Error(`watch stream from ${new URL(url).origin} silent too long`)));
      req.on("error", reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
