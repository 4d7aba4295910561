import "server-only";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "@/server/errors";

/**
 * Verifies the portal API's bearer access tokens the way Entra ID issues them: RS256 signature from the
 * authority's JWKS (found through its OpenID discovery document, fetched once and cached; jose re-fetches the
 * key set when an unknown `kid` appears, which is how Entra key rollover looks), issuer, audience, exp/nbf with a
 * small clock skew, and the tenant (`tid`). Works unchanged against the identity stand-in: only the authority
 * differs. `alg: none` and HS* never pass: only RS256 is accepted and the key comes from the JWKS.
 *
 * Only access tokens for the portal API pass: a user's (delegated) token must carry the API's scope in `scp`; an
 * application's (client credentials) has `roles` and no `scp`; an ID token (it carries `nonce`) proves a sign-in to
 * the browser app and grants nothing here. Every other token is a 401, like a badly signed one.
 */

export interface AccessTokenClaims extends JWTPayload {
  tid: string;
  oid: string;
  roles?: string[];
  scp?: string;
  name?: string;
  preferred_username?: string;
  appid?: string;
  azp?: string;
}

export interface AccessTokenVerifierOptions {
  /** `https://<host>/<tenant>/v2.0`: discovery is `<authority>/.well-known/openid-configuration`. */
  authority: string;
  audiences: readonly string[];
  /** The delegated scope a user's token must carry in `scp` (server/config/auth-env.ts, delegatedScopeOf). */
  requiredScope: string;
  clockToleranceSeconds?: number;
  /** Seconds before a failed discovery is tried again. */
  retryDiscoveryAfterSeconds?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<AccessTokenClaims>;
}

interface Authority {
  issuer: string;
  tenantId: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

const ALGORITHMS = ["RS256"];

export function createAccessTokenVerifier(o: AccessTokenVerifierOptions): AccessTokenVerifier {
  let authority: Promise<Authority> | undefined;
  const load = () => {
    authority ??= discover(o.authority).catch((err: unknown) => {
      // Do not cache a failure: the identity provider may come back.
      setTimeout(() => (authority = undefined), (o.retryDiscoveryAfterSeconds ?? 5) * 1000).unref?.();
      throw err;
    });
    return authority;
  };

  return {
    async verify(token) {
      const a = await load();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, a.jwks, {
          algorithms: ALGORITHMS,
          issuer: a.issuer,
          audience: [...o.audiences],
          clockTolerance: o.clockToleranceSeconds ?? 60,
          requiredClaims: ["exp", "tid", "oid"],
        }));
      } catch (err) {
        throw asAuthFailure(err);
      }
      if (payload.tid !== a.tenantId) throw unauthenticated("The access token was issued for another tenant.");
      if (typeof payload.oid !== "string" || payload.oid === "") throw unauthenticated("The access token names no object id.");
      if (payload.roles !== undefined && !(Array.isArray(payload.roles) && payload.roles.every((r) => typeof r === "string"))) {
        throw unauthenticated("The access token's roles claim is malformed.");
      }
      checkTokenType(payload, o.requiredScope);
      return payload as AccessTokenClaims;
    },
  };
}

/** A user's access token for the API's scope, or an application's with roles; never an ID token. */
function checkTokenType(p: JWTPayload, requiredScope: string): void {
  if (p.nonce !== undefined) {
    throw unauthenticated("This is an ID token, not an access token: send the access token the portal API's scope gave you.");
  }
  const delegated = p.scp !== undefined;
  // Entra's optional `idtyp` claim says which kind the token is: it must agree with what the claims say.
  if (p.idtyp !== undefined && p.idtyp !== (delegated ? "user" : "app")) {
    throw unauthenticated("The access token's type (idtyp) does not match its claims.");
  }
  if (delegated) {
    if (typeof p.scp !== "string" || !p.scp.split(" ").includes(requiredScope)) {
      throw unauthenticated(`The access token was not issued for the portal API's scope "${requiredScope}". Sign in to the portal again.`);
    }
    return;
  }
  if (!Array.isArray(p.roles) || p.roles.length === 0) {
    throw unauthenticated("The access token is neither a user's (it has no scp) nor an application's (it has no roles) " +
      "for the portal API.");
  }
}

async function discover(authorityUrl: string): Promise<Authority> {
  const url = `${authorityUrl.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: "application/json" } });
    if (!res.ok) throw upstream(`HTTP ${res.status}`);
    doc = (await res.json()) as typeof doc;
  } catch (err) {
    throw err instanceof AppError ? err : upstream(networkCode(err));
  }
  if (typeof doc.issuer !== "string" || typeof doc.jwks_uri !== "string") throw upstream("bad-discovery-document");
  // Entra's (and the stand-in's) v2 issuer is `<host>/<tenant id>/v2.0`: its tenant segment is what `tid` must say.
  const tenantId = new URL(doc.issuer).pathname.split("/").filter(Boolean)[0];
  if (!tenantId) throw upstream("issuer-without-tenant");
  return { issuer: doc.issuer, tenantId, jwks: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 10_000 }) };
}

function asAuthFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof errors.JWTExpired) return unauthenticated("The access token has expired. Sign in again.");
  if (err instanceof errors.JWTClaimValidationFailed) {
    const what = { iss: "issuer", aud: "audience", nbf: "not-before time", tid: "tenant", oid: "object id" }[err.claim];
    return unauthenticated(`The access token's ${what ?? err.claim} is not accepted here.`);
  }
  if (err instanceof errors.JWKSTimeout || (err instanceof errors.JOSEError && err.code === "ERR_JWKS_INVALID")) {
    return upstream("jwks-unavailable");
  }
  if (err instanceof errors.JOSEError) return unauthenticated("The access token is not valid (signature, algorithm or format).");
  if (err instanceof TypeError) return upstream(networkCode(err)); // fetch of the key set failed
  return unauthenticated("The access token is not valid.");
}

function unauthenticated(detail: string): AppError {
  return new AppError("unauthenticated", detail);
}

function upstream(code: string): AppError {
  return new AppError("upstream", "The identity provider could not be reached to check the sign-in; retry shortly.", {
    upstream: { service: "identity", code, status: 503 },
  });
}

function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : err instanceof Error ? err.name : "network";
}
