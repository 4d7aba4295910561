import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { parse as parseYaml } from "yaml";
import { BodyTooLargeError, readBody } from "../shared/body";
import { createTestHooks, type TestHooks } from "../shared/hooks";
import type { KindDefinition } from "./kinds/types";
import { startGarbageCollector } from "./gc";
import { decodeKubeProtobuf, ProtobufError } from "./protobuf-decode";
import { KindIndex, resolveResource } from "./router";
import { serveResource, type TableFunction } from "./router-resources";
import { badRequest, KubeError, pathNotFound, reasonForStatus } from "./status";
import { KubeStore } from "./store";

export interface KubeServerOptions {
  dataDir: string;
  tls: { key: string; cert: string };
  host: string;
  port: number;
  /** The kubeconfig's bearer token. */
  token: string;
  /** Other accepted bearer tokens (e.g. service-account tokens). */
  verifyToken?(token: string): boolean | Promise<boolean>;
  kinds: readonly KindDefinition[];
  publicRoutes?: readonly KubeRoute[];
  extraRoutes?: readonly KubeRoute[];
  table?: TableFunction;
  bookmarkIntervalMs?: number;
  eventWindow?: number;
  /** How long the garbage collector leaves an object whose owners do not exist before deleting it (default 500). */
  gcDelayMs?: number;
}

export interface KubeRouteContext {
  url: URL;
  store: KubeStore;
  hooks: TestHooks;
  sendJson(status: number, body: unknown, headers?: Record<string, string | string[]>): void;
  sendError(err: unknown): void;
}

/** An injected route: true when it answered the request. */
export type KubeRoute = (req: IncomingMessage, res: ServerResponse, ctx: KubeRouteContext) => Promise<boolean>;

export interface RunningKube { url: string; port: number; store: KubeStore; stop(): Promise<void> }

/** The API server's own request limit (3 MiB); a Secret's 1 MiB data limit is checked by the store. */
const MAX_BODY = 3 * 1024 * 1024;

/**
 * The Kubernetes API stand-in: HTTPS, bearer-token auth, JSON only (a protobuf Accept is answered with JSON, as
 * kubectl falls back), resources of the injected kinds, watch streams, `/_stack/` test hooks. See
 * docs/architecture.md "Kubernetes stand-in".
 */
export async function startKubeServer(o: KubeServerOptions): Promise<RunningKube> {
  const store = await KubeStore.open({ dir: o.dataDir, kinds: o.kinds, ...(o.eventWindow ? { eventWindow: o.eventWindow } : {}) });
  const gc = startGarbageCollector(store, o.gcDelayMs !== undefined ? { delayMs: o.gcDelayMs } : {});
  const index = new KindIndex(o.kinds);
  const hooks = createTestHooks({ errorBody: (status, message) => new KubeError(status, reasonForStatus(status), message).toStatus() });
  const expected = Buffer.from(`Bearer ${o.token}`);

  async function authenticated(req: IncomingMessage): Promise<boolean> {
    const header = Buffer.from(String(req.headers.authorization ?? ""));
    if (header.length === expected.length && timingSafeEqual(header, expected)) return true;
    const m = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ""));
    return Boolean(m?.[1] && o.verifyToken && (await o.verifyToken(m[1])));
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "https://kube.invalid");
    const pathname = url.pathname.replace(/\/{2,}/g, "/");
    const ctx: KubeRouteContext = {
      url, store, hooks, sendJson: (status, body, headers) => send(res, status, body, headers), sendError: (err) => sendError(req, res, err),
    };
    for (const route of o.publicRoutes ?? []) if (await route(req, res, ctx)) return;
    if (!(await authenticated(req))) throw new KubeError(401, "Unauthorized", "Unauthorized");
    if (await hooks.handle(req, res, pathname)) return;
    for (const route of o.extraRoutes ?? []) if (await route(req, res, ctx)) return;
    const target = resolveResource(index, pathname);
    if (!target) throw pathNotFound();
    const watching = method === "GET" && (url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1");
    const fault = await hooks.beforeServe(watching ? "WATCH" : method, target.template, pathname);
    if (fault) {
      throw new KubeError(fault.status, reasonForStatus(fault.status),
        `Injected fault: the local stack's test hook answered ${fault.status} for this call.`,
        fault.retryAfterSeconds !== undefined ? { retryAfterSeconds: fault.retryAfterSeconds } : undefined,
        fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {});
    }
    await serveResource({
      req, res, method, query: url.searchParams, target, store, ...(o.table ? { table: o.table } : {}),
      bookmarkIntervalMs: o.bookmarkIntervalMs ?? 60_000,
      readJson: () => readJson(req),
      send: (status, body, headers) => send(res, status, body, headers),
    });
  }

  const server = createServer({ key: o.tls.key, cert: o.tls.cert }, (req, res) => {
    serve(req, res).catch((err: unknown) => sendError(req, res, err));
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") { socket.destroy(); return; }
    const body = JSON.stringify(badRequest("the request is not valid HTTP").toStatus());
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(o.port, o.host, () => { server.off("error", reject); resolve(); });
    });
  } catch (err) {
    // Free the data folder, so the stack can retry it on another port (EADDRINUSE).
    gc.stop();
    await store.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${o.host.includes(":") ? `[${o.host}]` : o.host}:${port}`,
    port,
    store,
    async stop() {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      gc.stop();
      await store.close();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) { res.end(); return; }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader("cache-control", "no-cache, private");
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const error = err instanceof KubeError ? err : internalError(err);
  if (!req.readableEnded) req.resume();
  if (res.headersSent) { res.end(); return; }
  send(res, error.status, error.toStatus(), error.headers);
}

function internalError(err: unknown): KubeError {
  console.error(`kube: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return new KubeError(500, "InternalError", "Internal error occurred: the stand-in could not complete the request");
}

/**
 * A request body as JSON: JSON itself, or the k8s protobuf envelope of the built-in kinds kubectl's typed commands
 * send (see protobuf-decode.ts). Exported for injected routes that read bodies (TokenRequest).
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers["content-type"] ?? "application/json").split(";")[0]?.trim().toLowerCase() ?? "";
  const protobuf = type === "application/vnd.kubernetes.protobuf";
  if (!protobuf && (type.includes("protobuf") || type.includes("cbor") || (type.includes("yaml") && type !== "application/apply-patch+yaml"))) {
    req.resume();
    throw new KubeError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/merge-patch+json, application/json-patch+json, application/vnd.kubernetes.protobuf`);
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new KubeError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    throw badRequest("the request body could not be read");
  }
  if (protobuf) {
    try {
      return decodeKubeProtobuf(raw);
    } catch (err) {
      if (err instanceof ProtobufError) throw new KubeError(415, "UnsupportedMediaType", err.message);
      throw err;
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw badRequest("the request body is not valid UTF-8");
  }
  // Server-side apply bodies are YAML (kubectl and client-node send JSON, which YAML 1.2 parses alike).
  if (type === "application/apply-patch+yaml") {
    try {
      return parseYaml(text, { maxAliasCount: 100 }) as unknown;
    } catch (err) {
      throw badRequest(`error decoding YAML: ${(err as Error).message.split("\n")[0]?.slice(0, 200) ?? ""}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message.slice(0, 200)}`);
  }
}
