import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { rememberVerified } from "../shared/verified-tokens";

export type VerifiedClaims = JWTPayload & { oid: string; tid: string };

export interface TokenVerifier {
  /** Resolves the claims, or throws when the signature, issuer, audience, lifetime or algorithm is wrong. */
  verify(token: string, options: { audience: string }): Promise<VerifiedClaims>;
}

/**
 * Verifies tokens of the identity stand-in. In-process callers pass the JWKS itself; another process can pass the
 * `jwksUrl` (then it must trust the local CA, e.g. through NODE_EXTRA_CA_CERTS).
 */
export function createTokenVerifier(o: { issuer: string } & ({ jwks: JSONWebKeySet } | { jwksUrl: string })): TokenVerifier {
  const keys = "jwks" in o ? createLocalJWKSet(o.jwks) : createRemoteJWKSet(new URL(o.jwksUrl));
  const verified = rememberVerified(async (token, audience) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: o.issuer,
      audience,
      algorithms: ["RS256"],                      // never `none`, never a symmetric algorithm
      requiredClaims: ["exp", "nbf", "iat", "oid", "tid"],
    });
    if (typeof payload.oid !== "string" || typeof payload.tid !== "string") throw new Error("oid/tid must be strings");
    return payload as VerifiedClaims;
  });
  return { verify: (token, { audience }) => verified(token, audience) };
}
