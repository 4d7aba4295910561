import { randomUUID } from "node:crypto";
import { importJWK, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import type { IdentityState } from "./state";

const ALG = "RS256";
const importedKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();   // by kid: importing costs more than signing

/** The public half of the tenant's signing key, as published at the JWKS endpoint. */
export function publicJwks(state: IdentityState): JSONWebKeySet {
  const { kty, n, e } = state.signingKey.privateJwk;
  const key: JWK = { kty, n, e, kid: state.signingKey.kid, use: "sig", alg: ALG };
  return { keys: [key] };
}

export interface AccessTokenClaims {
  audience: string;
  objectId: string;                       // oid and sub
  clientId: string;                       // appid and azp
  roles?: string[];
  lifetimeSeconds: number;
}

/** Signs an app-only v2.0 access token shaped like Entra's (the claims Key Vault and the portal read). */
export async function signAccessToken(state: IdentityState, issuer: string, c: AccessTokenClaims): Promise<string> {
  const claims: Record<string, unknown> = { oid: c.objectId, appid: c.clientId, azp: c.clientId, idtyp: "app" };
  if (c.roles && c.roles.length > 0) claims.roles = c.roles;
  return signJwt(state, issuer, claims, { audience: c.audience, subject: c.objectId, lifetimeSeconds: c.lifetimeSeconds });
}

/** Signs a v2.0 token of this tenant: `claims` plus iss, aud, sub, iat, nbf, exp, tid, ver and a unique `uti`. */
export async function signJwt(state: IdentityState, issuer: string, claims: Record<string, unknown>,
  o: { audience: string; subject: string; lifetimeSeconds: number }): Promise<string> {
  const { kid, privateJwk } = state.signingKey;
  if (!importedKeys.has(kid)) importedKeys.set(kid, importJWK(privateJwk, ALG));
  const key = await importedKeys.get(kid)!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: state.tenantId, ver: "2.0", uti: randomUUID().replaceAll("-", ""), ...claims })
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid })
    .setIssuer(issuer)
    .setAudience(o.audience)
    .setSubject(o.subject)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + o.lifetimeSeconds)
    .sign(key);
}
