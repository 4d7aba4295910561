import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import type { StackEndpoints } from "./endpoints";

/**
 * Bad access tokens for the authorization matrix. Where a check must be the only thing wrong (expiry, issuer), the
 * token is re-signed with the identity stand-in's own signing key, read from the stack's state file, so a pass
 * can only mean the portal skipped that check; the others are a real stand-in token for another audience, an
 * unsigned token, and a real token with a damaged signature.
 *
 * Two are well signed and for the API's audience but not access tokens for the API: `idToken` is the user's
 * identity as an ID token carries it (`nonce`, no `scp`, the roles kept), so only its type gives it away (without
 * that check it would pass as an application's token); `noScope` is a delegated token for another scope.
 */
export interface TokenVariants {
  expired: string;
  wrongAudience: string;
  wrongIssuer: string;
  algNone: string;
  tamperedSignature: string;
  idToken: string;
  noScope: string;
}

export async function tokenVariants(ep: StackEndpoints, good: string, otherAudienceToken: string): Promise<TokenVariants> {
  const state = JSON.parse(readFileSync(join(dirname(dirname(ep.caFile)), "identity", "state.json"), "utf8")) as {
    signingKey: { kid: string; privateJwk: JWK };
  };
  const key = await importJWK(state.signingKey.privateJwk, "RS256");
  const { kid } = decodeProtectedHeader(good);
  const claims = decodeJwt(good);
  const resign = (change: JWTPayload) =>
    new SignJWT({ ...claims, ...change }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: kid ?? state.signingKey.kid }).sign(key);
  const now = Math.floor(Date.now() / 1000);
  const [h, p, s] = good.split(".");
  const flipped = s!.slice(0, 10) + (s![10] === "A" ? "B" : "A") + s!.slice(11);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return {
    expired: await resign({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 }),
    wrongAudience: otherAudienceToken,
    wrongIssuer: await resign({ iss: `https://login.microsoftonline.com/${String(claims.tid)}/v2.0` }),
    algNone: `${b64({ alg: "none", typ: "JWT" })}.${p}.`,
    tamperedSignature: `${h}.${p}.${flipped}`,
    idToken: await resign({ scp: undefined, azp: undefined, azpacr: undefined, nonce: "e2e-id-token-nonce" }),
    noScope: await resign({ scp: "User.Read" }),
  };
}
