import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from "jose";

/**
 * A minimal OpenID issuer for unit tests of the bearer check (portal code never imports the identity stand-in):
 * discovery + JWKS over HTTP on loopback (port 0), and `mint()` for RS256 tokens signed with its key.
 */
export interface TestIssuer {
  authority: string;
  issuer: string;
  tenantId: string;
  audience: string;
  mint(claims?: JWTPayload, o?: { kid?: string; key?: CryptoKey; expiresIn?: string | number; header?: Record<string, unknown> }): Promise<string>;
  /** Another RS256 key, not in the JWKS (for forged signatures). */
  otherKey: CryptoKey;
  jwksRequests(): number;
  close(): Promise<void>;
}

export const TEST_TENANT = "11111111-2222-4333-8444-555555555555";
export const TEST_AUDIENCE = "api://ops-portal-test";

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  let jwksCount = 0;
  let base = "";
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "";
    res.setHeader("content-type", "application/json");
    if (path === `/${TEST_TENANT}/v2.0/.well-known/openid-configuration`) {
      res.end(JSON.stringify({ issuer: `${base}/${TEST_TENANT}/v2.0`, jwks_uri: `${base}/${TEST_TENANT}/discovery/v2.0/keys` }));
    } else if (path === `/${TEST_TENANT}/discovery/v2.0/keys`) {
      jwksCount++;
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/${TEST_TENANT}/v2.0`;
  return {
    authority: issuer,
    issuer,
    tenantId: TEST_TENANT,
    audience: TEST_AUDIENCE,
    otherKey: other.privateKey,
    jwksRequests: () => jwksCount,
    async mint(claims = {}, o = {}) {
      const jwt = new SignJWT({ tid: TEST_TENANT, oid: "0000aaaa-0000-4000-8000-000000000001", ver: "2.0", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: o.kid ?? "test-key", typ: "JWT", ...o.header })
        .setIssuedAt();
      if (!("iss" in claims)) jwt.setIssuer(issuer);
      if (!("aud" in claims)) jwt.setAudience(TEST_AUDIENCE);
      if (!("exp" in claims)) jwt.setExpirationTime(o.expiresIn ?? "1h");
      return jwt.sign(o.key ?? privateKey);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** `alg: none`: header and payload, empty signature. */
export function unsignedToken(payload: JWTPayload): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${enc({ alg: "none", typ: "JWT" })}.${enc(payload)}.`;
}
