import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTlsMaterial, type TlsMaterial } from "../../shared/tls";
import { KINDS } from "../kinds";
import { startKubeServer, type KubeServerOptions, type RunningKube } from "../server";

export const TEST_TOKEN = "test-kube-token";

let tlsPromise: Promise<TlsMaterial> | undefined;
/** One CA + server certificate per test process (RSA key generation is the slow part). */
export function testTls(): Promise<TlsMaterial> {
  tlsPromise ??= mkdtemp(join(tmpdir(), "kube-tls-")).then((dir) => ensureTlsMaterial(dir));
  return tlsPromise;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire JSON
type WireJson = any;
export interface WireResponse { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: WireJson }

export interface TestKube {
  kube: RunningKube;
  dataDir: string;
  tls: TlsMaterial;
  call(method: string, path: string, o?: { body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<WireResponse>;
  /** Creates a namespace (most tests need one). */
  namespace(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Raw HTTPS against a stand-in URL, trusting the test CA. */
export function rawCall(baseUrl: string, ca: string, method: string, path: string,
  o: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {}): Promise<WireResponse> {
  const agent = new Agent({ ca, keepAlive: false });
  const body = o.body === undefined ? undefined
    : typeof o.body === "string" || Buffer.isBuffer(o.body) ? o.body : JSON.stringify(o.body);
  const headers: Record<string, string> = { accept: "application/json", ...(body !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}), ...o.headers };
  const token = o.token === undefined ? TEST_TOKEN : o.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: WireJson;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export async function startTestKube(o: Partial<KubeServerOptions> = {}, dataDir?: string): Promise<TestKube> {
  const tls = await testTls();
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "kube-data-")));
  const kube = await startKubeServer({ dataDir: dir, tls, host: "127.0.0.1", port: 0, token: TEST_TOKEN, kinds: KINDS, ...o });
  const call: TestKube["call"] = (method, path, options) => rawCall(kube.url, tls.ca, method, path, options);
  return {
    kube, dataDir: dir, tls, call,
    async namespace(name) {
      const r = await call("POST", "/api/v1/namespaces", { body: { apiVersion: "v1", kind: "Namespace", metadata: { name } } });
      if (r.status !== 201) throw new Error(`namespace ${name}: ${r.status} ${r.text}`);
    },
    async stop() {
      await kube.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface WatchHandle {
  status: number;
  events: { type: string; object: WireJson }[];
  /** Resolves once at least `count` events arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<{ type: string; object: WireJson }[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a watch stream and collects its newline-delimited events. */
export function openWatch(baseUrl: string, ca: string, path: string, headers: Record<string, string> = {}): Promise<WatchHandle> {
  const agent = new Agent({ ca, keepAlive: false });
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: "GET", agent,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, accept: "application/json", ...headers } }, (res) => {
      const events: WatchHandle["events"] = [];
      const waiters: { count: number; resolve(): void }[] = [];
      let buffer = "";
      let endResolve: () => void = () => {};
      const ended = new Promise<void>((r) => { endResolve = r; });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line));
        }
        for (const w of waiters.filter((w) => events.length >= w.count)) w.resolve();
      });
      res.on("end", endResolve);
      res.on("close", endResolve);
      resolve({
        status: res.statusCode ?? 0, events, ended,
        waitFor: (count, timeoutMs = 5_000) => new Promise((ok, fail) => {
          if (events.length >= count) { ok(events); return; }
          const timer = setTimeout(() => fail(new Error(`only ${events.length} of ${count} events: ${JSON.stringify(events.map((e) => e.type))}`)), timeoutMs);
          waiters.push({ count, resolve: () => { clearTimeout(timer); ok(events); } });
        }),
        close: () => { req.destroy(); },
      });
    });
    req.on("error", (err) => { if ((err as NodeJS.ErrnoException).code !== "ECONNRESET") reject(err); });
    req.end();
  });
}
