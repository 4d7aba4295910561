import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAuthorize, handleLogout } from "./browser-endpoints";
import { applyCors } from "./cors";
import { openIdConfiguration } from "./discovery";
import { entraErrors, EntraError, sendEntraError } from "./errors";
import { IssuerKeyCache } from "./issuer-keys";
import { SignInState } from "./sign-in-state";
import { publicJwks } from "./signing";
import { IdentityStore } from "./store";
import { identityTestHooks } from "./test-hooks";
import { handleTokenRequest } from "./token-endpoint";
import { createTokenVerifier, type TokenVerifier } from "./verifier";

export interface IdentityServerOptions {
  dataDir: string;                          // <data>/identity
  tls: { key: string; cert: string };
  host: string;
  port: number;                             // 0 = a free port
  /** PEM of a CA trusted (besides the public roots) when fetching external OIDC issuers' keys: the local CA. */
  trustedCa?: string;
}

export interface RunningIdentityServer {
  /** The authority host clients configure (`authorityHost`), ending with "/". */
  authorityHost: string;
  port: number;
  tenantId: string;
  issuer: string;
  store: IdentityStore;
  /** Verifies tokens of this issuer in-process (the vault's bearer check). */
  verifier: TokenVerifier;
  stop(): Promise<void>;
}

/** The Entra-like token issuer of the local stack: OIDC discovery, JWKS and the v2.0 token endpoint per tenant. */
export async function startIdentityServer(o: IdentityServerOptions): Promise<RunningIdentityServer> {
  const store = await IdentityStore.open(o.dataDir);
  let authorityHost = "";                   // known once listening (port 0 picks the port)
  const issued: { verifier?: TokenVerifier } = {};   // the issuer, hence the verifier, needs the port
  const hooks = identityTestHooks(() => issued.verifier!, store);
  const issuerKeys = new IssuerKeyCache({ trustedCa: o.trustedCa });
  const signIn = new SignInState();
  const server = createServer({ key: o.tls.key, cert: o.tls.cert }, (req, res) => {
    route(req, res, { store, authorityHost, hooks, issuerKeys, signIn }).catch((err: unknown) => {
      console.error("identity stand-in: unexpected error", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "server_error" }));
    });
  });
  const port = await listen(server, o.host, o.port);
  const hostInUrl = o.host.includes(":") ? `[${o.host}]` : o.host;
  authorityHost = `https://${hostInUrl}:${port}/`;
  const tenantId = store.tenantId;
  const issuer = `${authorityHost}${tenantId}/v2.0`;
  const verifier = createTokenVerifier({ issuer, jwks: publicJwks(store.current()) });
  issued.verifier = verifier;
  return {
    authorityHost, port, tenantId, issuer, store, verifier,
    stop: () => close(server),
  };
}

interface RouteContext {
  store: IdentityStore;
  authorityHost: string;
  hooks: ReturnType<typeof identityTestHooks>;
  issuerKeys: IssuerKeyCache;
  signIn: SignInState;
}

const ENDPOINTS = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(?:token|authorize|logout))$/;

async function route(req: IncomingMessage, res: ServerResponse, ctx: RouteContext) {
  const { store, authorityHost, hooks } = ctx;
  const url = urlOf(req.url);
  const pathname = url?.pathname;
  if (url === undefined || pathname === undefined) {
    req.resume();
    sendEntraError(res, new EntraError(400, "invalid_request", 900144, "The request target is not a valid URL."));
    return;
  }
  if (await hooks.handle(req, res, pathname)) return;
  const state = store.current();
  const match = ENDPOINTS.exec(pathname);
  if (!match) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
    return;
  }
  const [, tenant, endpoint] = match;
  if (await hooks.faulted(req, res, `/{tenant}/${endpoint}`, pathname)) return;
  if (tenant!.toLowerCase() !== state.tenantId) {
    sendEntraError(res, entraErrors.unknownTenant(decodeSafely(tenant!)));
    return;
  }
  const browser = { state, signIn: ctx.signIn, tenantPath: `/${tenant}` };
  if (endpoint === "oauth2/v2.0/authorize") return handleAuthorize(req, res, url, browser);
  if (endpoint === "oauth2/v2.0/logout") return handleLogout(req, res, url, browser);
  if (applyCors(req, res, state, endpoint !== "oauth2/v2.0/token")) return;
  if (endpoint === "oauth2/v2.0/token") {
    const issuer = `${authorityHost}${state.tenantId}/v2.0`;
    await handleTokenRequest(req, res, { state, issuer, issuerKeys: ctx.issuerKeys, signIn: ctx.signIn });
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendEntraError(res, new EntraError(405, "invalid_request", 900561, `The endpoint only accepts GET requests.`));
    return;
  }
  const body = endpoint === "discovery/v2.0/keys" ? publicJwks(state) : openIdConfiguration(authorityHost, state.tenantId);
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "max-age=86400, private" })
    .end(JSON.stringify(body));
}

function urlOf(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "https://stand-in.invalid");
  } catch {
    return undefined;
  }
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
