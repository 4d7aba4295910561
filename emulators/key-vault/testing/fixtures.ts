import { request, Agent } from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from "jose";
import { ensureTlsMaterial, type TlsMaterial } from "../../shared/tls";
import { startKeyVaultServer, type RunningKeyVault, type VaultRole } from "../server";

/** Test doubles for what emulators/stack.ts injects: an issuer's key pair and a role-assignment table. */
export const ISSUER = "https://127.0.0.1:1/test-tenant/v2.0";
export const TENANT = "test-tenant";
export const AUTHORITY = "https://127.0.0.1:1/";

export const PRINCIPALS = {
  officer: ["Key Vault Secrets Officer"],
  user: ["Key Vault Secrets User"],
  reader: ["Key Vault Reader"],
  nobody: [],
} as const satisfies Record<string, readonly VaultRole[]>;
export type Principal = keyof typeof PRINCIPALS;

export interface Issuer { sign(oid: string, claims?: Record<string, unknown>): Promise<string>; publicJwk: JWK }

export async function createIssuer(): Promise<Issuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  return {
    publicJwk: await exportJWK(publicKey),
    sign: (oid, claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ oid, appid: `app-${oid}`, tid: TENANT, iss: ISSUER, aud: "https://vault.azure.net",
        iat: now, nbf: now - 5, exp: now + 3600, ...claims }).setProtectedHeader({ alg: "RS256", kid: "test" }).sign(privateKey);
    },
  };
}

/** What the identity stand-in's verifier does: signature, issuer, audience, exp/nbf. */
export async function tokenVerifier(publicJwk: JWK) {
  const key = await importJWK(publicJwk, "RS256");
  return async (token: string) => {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: "https://vault.azure.net" });
    return payload as { oid: string } & Record<string, unknown>;
  };
}

export function hasRole(oid: string, roles: readonly VaultRole[]): boolean {
  const granted: readonly VaultRole[] = PRINCIPALS[oid as Principal] ?? [];
  return roles.some((r) => granted.includes(r));
}

let tlsPromise: Promise<TlsMaterial> | undefined;
/** One CA + server certificate per test process (RSA key generation is the slow part). */
export function testTls(): Promise<TlsMaterial> {
  tlsPromise ??= mkdtemp(join(tmpdir(), "kv-tls-")).then((dir) => ensureTlsMaterial(dir));
  return tlsPromise;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire JSON
type WireJson = any;

export interface Response { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: WireJson }

export interface Client {
  call(method: string, path: string, opts?: { as?: Principal | null; token?: string; body?: unknown; raw?: string | Buffer;
    headers?: Record<string, string> }): Promise<Response>;
}

export function createClient(baseUrl: string, ca: string, issuer: Issuer): Client {
  const agent = new Agent({ ca, keepAlive: true, maxSockets: 32 });
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (p: Principal) => { if (!tokens.has(p)) tokens.set(p, issuer.sign(p)); return tokens.get(p) as Promise<string>; };
  return {
    async call(method, path, opts = {}) {
      const as = opts.as === undefined ? "officer" : opts.as;
      const token = opts.token ?? (as ? await tokenFor(as) : undefined);
      const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const url = new URL(path.replace(/^\//, ""), baseUrl);
      return new Promise<Response>((resolve, reject) => {
        const req = request(url, {
          method, agent, headers: {
            accept: "application/json",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
            ...opts.headers,
          },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json: unknown;
            try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(payload);
      });
    },
  };
}

export interface TestVault { vault: RunningKeyVault; client: Client; issuer: Issuer; dataDir: string; tls: TlsMaterial;
  stop(): Promise<void> }

/** A vault on a free port with a fresh data folder (or the given one), plus a client that trusts its CA. */
export async function startTestVault(opts: { seed?: boolean; dataDir?: string; issuer?: Issuer } = {}): Promise<TestVault> {
  const tls = await testTls();
  const issuer = opts.issuer ?? await createIssuer();
  const dataDir = opts.dataDir ?? await mkdtemp(join(tmpdir(), "kv-data-"));
  const vault = await startKeyVaultServer({
    dataDir, tls: { key: tls.key, cert: tls.cert }, host: "127.0.0.1", port: 0, vaultName: "test-kv",
    tenantId: TENANT, authorityHost: AUTHORITY, verifyToken: await tokenVerifier(issuer.publicJwk), hasRole,
    seed: opts.seed ?? false,
  });
  return {
    vault, issuer, dataDir, tls, client: createClient(vault.url, tls.ca, issuer),
    async stop() {
      await vault.stop();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const API = "api-version=7.6";
