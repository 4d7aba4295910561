import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { BodyTooLargeError, readBody } from "../shared/body";
import { createTestHooks, type InjectedFault } from "../shared/hooks";
import { checkApiVersion } from "./api-version";
import { authenticate, authorize, challenge, type VaultRole } from "./auth";
import { codeForStatus, VaultError } from "./errors";
import { matchRoute } from "./router";
import { ROUTES } from "./routes";
import { seedDemoSecrets } from "./seed";
import { VaultStore } from "./store";
import { checkSecretName } from "./validation";

export type { VaultRole } from "./auth";

export interface KeyVaultServerOptions {
  dataDir: string;                                   // <data>/key-vault
  tls: { key: string; cert: string };                // PEM, server cert signed by the local CA
  host: string; port: number;                        // port 0 = a free port
  vaultName: string;
  tenantId: string;
  authorityHost: string;                             // challenge: authorization="<authorityHost><tenantId>"
  verifyToken(token: string): Promise<{ oid: string } & Record<string, unknown>>;
  hasRole(oid: string, roles: readonly VaultRole[]): boolean;
  seed: boolean;                                     // seed the demo secrets when the store is empty
}

export interface RunningKeyVault { url: string; port: number; stop(): Promise<void> }

/** Azure answers 413 well before this; 1 MB leaves room for any valid body (values are at most 25 KB). */
const MAX_BODY = 1024 * 1024;

/** The Key Vault stand-in: the secrets data plane over HTTPS, bearer challenge, RBAC, durable store, test hooks. */
export async function startKeyVaultServer(o: KeyVaultServerOptions): Promise<RunningKeyVault> {
  const store = await VaultStore.open(o.dataDir);
  if (o.seed && store.isEmpty) await seedDemoSecrets(store);
  const hooks = createTestHooks({ resetAfterCommit: true });
  let vaultUrl = "";

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const { pathname, query } = splitTarget(req.url ?? "/");
    // The SDKs' first request carries no token (and no body): answer the challenge whatever the method or path.
    const caller = await authenticate(req, o);
    if (await hooks.handle(req, res, pathname)) return;
    const apiVersion = checkApiVersion(query);
    const { route, params } = matchRoute(ROUTES, method, pathname);
    if (params.name !== undefined) checkSecretName(params.name);
    authorize(caller, route.action, route.roles, params.name ? `/secrets/${params.name}` : "", o);
    const verdict = await hooks.beforeServe(method, route.template, pathname);
    if (verdict && "status" in verdict) throw injected(verdict);
    const served = Promise.resolve().then(() => route.handle({
      store, vaultUrl, apiVersion, params, query,
      body: () => readBody(req, MAX_BODY).catch((err: unknown) => {
        throw err instanceof BodyTooLargeError
          ? new VaultError(413, "RequestEntityTooLarge", `The request body exceeds the limit of ${MAX_BODY} bytes.`)
          : new VaultError(400, "BadParameter", "The request body could not be read.");
      }),
    }));
    if (verdict) return resetAfterServing(req, served);
    const reply = await served;
    send(res, reply.status, reply.body);
  }

  /**
   * Test hook mode reset-after-commit: the request is served to the end (a write is journaled before the handler
   * returns), then the connection is reset instead of answered, whatever the answer would have been.
   */
  async function resetAfterServing(req: IncomingMessage, served: Promise<unknown>): Promise<void> {
    try {
      await served;
    } catch (err) {
      if (!(err instanceof VaultError)) internalError(err);   // logs it; the answer is dropped anyway
    }
    if (!req.readableEnded) req.resume();
    // A TLS socket cannot send a TCP RST itself (ERR_INVALID_HANDLE_TYPE); closing it unanswered is what the client
    // sees as ECONNRESET ("socket hang up") all the same.
    try {
      req.socket.resetAndDestroy();
    } catch {
      req.socket.destroy();
    }
  }

  function injected(fault: InjectedFault): VaultError {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers["Retry-After"] = String(fault.retryAfterSeconds);
    if (fault.status === 401) headers["WWW-Authenticate"] = challenge(o);
    return new VaultError(fault.status, codeForStatus(fault.status),
      `Injected fault: the local stack's test hook answered ${fault.status} for this call.`, undefined, headers);
  }

  const server = createServer({ key: o.tls.key, cert: o.tls.cert }, (req, res) => {
    serve(req, res).catch((err: unknown) => {
      const error = err instanceof VaultError ? err : internalError(err);
      if (!req.readableEnded) req.resume();          // drain an unread body so the connection stays usable
      if (!res.headersSent) send(res, error.status, error.body(), error.headers);
      else res.end();
    });
  });
  // Requests Node's HTTP parser refuses (unknown method, malformed header): still Azure's error shape, never a crash.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") { socket.destroy(); return; }
    const body = JSON.stringify(new VaultError(400, "BadParameter", "The request is not valid HTTP.").body());
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => { server.off("error", reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  vaultUrl = `https://${o.host.includes(":") ? `[${o.host}]` : o.host}:${port}/`;

  return {
    url: vaultUrl,
    port,
    async stop() {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      await store.close();
    },
  };
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.setHeader("x-ms-request-id", randomUUID());
  res.setHeader("cache-control", "no-cache");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (body === undefined) { res.writeHead(status).end(); return; }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

function internalError(err: unknown): VaultError {
  // A failed fsync or a bug: say so without details (never a value, never a stack trace on the wire).
  console.error(`key-vault: internal error: ${err instanceof Error ? err.message : String(err)}`);
  return new VaultError(500, "InternalServerError", "The vault could not complete the request.");
}

/** Path and decoded query of a request target; duplicate slashes collapse (Azure accepts `//secrets/x`). */
function splitTarget(target: string): { pathname: string; query: URLSearchParams } {
  const q = target.indexOf("?");
  const path = q >= 0 ? target.slice(0, q) : target;
  return { pathname: path.replace(/\/{2,}/g, "/") || "/", query: new URLSearchParams(q >= 0 ? target.slice(q + 1) : "") };
}
