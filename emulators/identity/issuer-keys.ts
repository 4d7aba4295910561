import { request } from "node:https";
import { rootCertificates } from "node:tls";
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

/** Keys are re-fetched after this long (Entra caches an external issuer's keys for a while, too). */
const KEYS_TTL_MS = 5 * 60_000;
/** An unknown `kid` (the issuer rotated its key) triggers a re-fetch, but not more often than this. */
const MIN_REFETCH_MS = 5_000;
const MAX_ISSUERS = 64;
const MAX_DOCUMENT_BYTES = 256 * 1024;
const FETCH_TIMEOUT_MS = 5_000;

/** The issuer's discovery or JWKS could not be fetched or made no sense (Entra's AADSTS90061). */
export class IssuerMetadataError extends Error {}

interface Entry { getKey: JWTVerifyGetKey; fetchedAt: number }

/**
 * JWKS of external OIDC issuers (workload identity: the cluster's service-account issuer), found through the
 * issuer's `/.well-known/openid-configuration` over HTTPS. The caller only asks for issuers a federated credential
 * names, so a client cannot make the stand-in fetch arbitrary URLs. Trusts the public roots plus the local CA.
 */
export class IssuerKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ca: string[];
  private readonly now: () => number;

  constructor(o: { trustedCa?: string; now?: () => number } = {}) {
    this.ca = o.trustedCa ? [...rootCertificates, o.trustedCa] : [...rootCertificates];
    this.now = o.now ?? Date.now;
  }

  /** A key resolver for `jwtVerify` that re-fetches once when the token's `kid` is not in the cached set. */
  keyResolver(issuer: string): JWTVerifyGetKey {
    return async (header, token) => {
      const entry = await this.entry(issuer, false);
      try {
        return await entry.getKey(header, token);
      } catch (err) {
        if (!(err instanceof joseErrors.JWKSNoMatchingKey) || this.now() - entry.fetchedAt < MIN_REFETCH_MS) throw err;
        return (await this.entry(issuer, true)).getKey(header, token);
      }
    };
  }

  private async entry(issuer: string, refresh: boolean): Promise<Entry> {
    const cached = this.entries.get(issuer);
    if (cached && !refresh && this.now() - cached.fetchedAt < KEYS_TTL_MS) return cached;
    const jwks = await this.fetchJwks(issuer);
    const entry = { getKey: createLocalJWKSet(jwks), fetchedAt: this.now() };
    this.entries.delete(issuer);
    if (this.entries.size >= MAX_ISSUERS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(issuer, entry);
    return entry;
  }

  private async fetchJwks(issuer: string): Promise<JSONWebKeySet> {
    // OpenID Connect Discovery §4: the document is at the issuer with any trailing slash removed + /.well-known/….
    const discovery = await this.getJson(`${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`);
    if (discovery.issuer !== issuer) {
      throw new IssuerMetadataError(`discovery document names issuer ${JSON.stringify(discovery.issuer)}, not ${issuer}`);
    }
    if (typeof discovery.jwks_uri !== "string") throw new IssuerMetadataError("discovery document has no jwks_uri");
    const jwks = await this.getJson(discovery.jwks_uri);
    if (!Array.isArray(jwks.keys)) throw new IssuerMetadataError("JWKS has no keys array");
    return jwks as unknown as JSONWebKeySet;
  }

  private getJson(url: string): Promise<Record<string, unknown>> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return Promise.reject(new IssuerMetadataError(`not a URL: ${url}`));
    }
    if (parsed.protocol !== "https:") return Promise.reject(new IssuerMetadataError(`not HTTPS: ${url}`));
    return new Promise((resolve, reject) => {
      const req = request(parsed, { ca: this.ca, timeout: FETCH_TIMEOUT_MS, headers: { accept: "application/json" } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_DOCUMENT_BYTES) req.destroy(new IssuerMetadataError(`${url}: document too large`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new IssuerMetadataError(`${url}: HTTP ${res.statusCode}`));
          try {
            const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not a JSON object");
            resolve(body as Record<string, unknown>);
          } catch (err) {
            reject(new IssuerMetadataError(`${url}: ${String(err)}`));
          }
        });
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new IssuerMetadataError(`${url}: timed out`)));
      req.on("error", (err) => reject(err instanceof IssuerMetadataError ? err : new IssuerMetadataError(`${url}: ${err.message}`)));
      req.end();
    });
  }
}
