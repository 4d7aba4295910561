import { createHmac } from "node:crypto";
import { decodeJwt, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createAccessTokenVerifier, type AccessTokenVerifier } from "./access-token-verifier";
import { startTestIssuer, unsignedToken, type TestIssuer } from "./testing/test-issuer";

let issuer: TestIssuer;
let verifier: AccessTokenVerifier;

beforeAll(async () => {
  issuer = await startTestIssuer();
  verifier = createAccessTokenVerifier({ authority: issuer.authority, audiences: [issuer.audience, "client-guid"],
    requiredScope: SCOPE });
});
afterAll(() => issuer.close());

async function refusal(token: string): Promise<AppError> {
  const err = await verifier.verify(token).then(() => undefined, (e: unknown) => e);
  expect(err, "the token must be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

const now = () => Math.floor(Date.now() / 1000);
const SCOPE = "access_as_user";
/** A signed-in user's access token for the API (delegated: `scp`), as the browser gets it. */
const userToken = (claims: JWTPayload = {}) => issuer.mint({ scp: SCOPE, roles: ["Secrets.Reader"], name: "Ada", ...claims });
/** An application's access token (client credentials: `roles`, no `scp`), as a script gets it. */
const appToken = (claims: JWTPayload = {}) => issuer.mint({ roles: ["Secrets.Operator"], appid: "script-app", idtyp: "app", ...claims });

describe("access token verifier", () => {
  it("accepts a token of the authority for the API, and returns its claims", async () => {
    const claims = await verifier.verify(await issuer.mint({ roles: ["Secrets.Reader"], scp: "access_as_user", name: "Ada" }));
    expect(claims).toMatchObject({ tid: issuer.tenantId, roles: ["Secrets.Reader"], name: "Ada" });
  });

  it("accepts any configured audience (Entra v2 tokens carry the API's client id)", async () => {
    await expect(verifier.verify(await userToken({ aud: "client-guid" }))).resolves.toBeTruthy();
  });

  it("fetches discovery and the key set once, not per request", async () => {
    const before = issuer.jwksRequests();
    for (let i = 0; i < 5; i++) await verifier.verify(await userToken());
    expect(issuer.jwksRequests() - before).toBeLessThanOrEqual(1);
  });

  it.each([
    ["expired", async () => issuer.mint({ exp: now() - 3600 }), /expired/],
    ["not yet valid", async () => issuer.mint({ nbf: now() + 3600 }), /not-before/],
    ["wrong audience", async () => issuer.mint({ aud: "https://vault.azure.net" }), /audience/],
    ["wrong issuer", async () => issuer.mint({ iss: "https://login.microsoftonline.com/other/v2.0" }), /issuer/],
    ["other tenant", async () => issuer.mint({ tid: "99999999-2222-4333-8444-555555555555" }), /tenant/],
    ["no tenant", async () => issuer.mint({ tid: undefined }), /tenant/],
    ["no object id", async () => issuer.mint({ oid: undefined }), /object id/],
    ["signed by another key", async () => issuer.mint({}, { key: issuer.otherKey }), /not valid/],
    ["unknown key id", async () => issuer.mint({}, { key: issuer.otherKey, kid: "rogue" }), /not valid/],
  ])("refuses a token that is %s with 401", async (_what, make, detail) => {
    const err = await refusal(await make());
    expect(err.status).toBe(401);
    expect(err.detail).toMatch(detail);
  });

  it("accepts a user's token whose scp lists the API's scope among others, and an application's with roles", async () => {
    await expect(verifier.verify(await userToken({ scp: `openid ${SCOPE} profile` }))).resolves.toMatchObject({ scp: `openid ${SCOPE} profile` });
    await expect(verifier.verify(await userToken({ roles: undefined }))).resolves.toBeTruthy();   // no role: 403 later, not 401
    await expect(verifier.verify(await appToken())).resolves.toMatchObject({ roles: ["Secrets.Operator"] });
    await expect(verifier.verify(await appToken({ idtyp: undefined }))).resolves.toBeTruthy();   // idtyp is optional
  });

  it.each([
    ["an ID token (nonce, no scp) for the API's audience", () => issuer.mint({ nonce: "n-1", name: "Ada", roles: ["Secrets.Operator"] }), /ID token/],
    ["an ID token for the browser app's client id (configured as an audience)", () =>
      issuer.mint({ aud: "client-guid", nonce: "n-1", roles: ["Secrets.Operator"] }), /ID token/],
    ["an access token that also carries a nonce", () => userToken({ nonce: "n-1" }), /ID token/],
    ["a user's token for another scope of the API", () => userToken({ scp: "User.Read" }), /scope "access_as_user"/],
    ["a user's token with a scope that only starts like the API's", () => userToken({ scp: `${SCOPE}_admin` }), /scope/],
    ["a user's token with an empty scp", () => userToken({ scp: "" }), /scope/],
    ["a user's token whose scp is not a string", () => userToken({ scp: [SCOPE] as unknown as string }), /scope/],
    ["an application's token without roles", () => appToken({ roles: undefined }), /neither/],
    ["an application's token with an empty roles claim", () => appToken({ roles: [] }), /neither/],
    ["a token with neither scp nor roles", () => issuer.mint({ name: "Ada" }), /neither/],
    ["an app token (idtyp) that carries scp", () => appToken({ scp: SCOPE }), /idtyp/],
    ["a user token (idtyp) without scp", () => appToken({ idtyp: "user" }), /idtyp/],
  ])("refuses %s with 401", async (_what, make, detail) => {
    const err = await refusal(await make());
    expect(err.status).toBe(401);
    expect(err.detail).toMatch(detail);
  });

  it("refuses alg: none", async () => {
    const good = decodeJwt(await issuer.mint());
    expect((await refusal(unsignedToken(good))).status).toBe(401);
  });

  it("refuses an HS256 token, even one keyed with the public key material", async () => {
    const good = await issuer.mint();
    const [, payload] = good.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "HS256", kid: "test-key", typ: "JWT" })).toString("base64url");
    const jwks = await (await fetch(`${issuer.authority.replace("/v2.0", "")}/discovery/v2.0/keys`)).text();
    const sig = createHmac("sha256", jwks).update(`${header}.${payload}`).digest("base64url");
    expect((await refusal(`${header}.${payload}.${sig}`)).status).toBe(401);
  });

  it("refuses a tampered payload (roles raised to operator)", async () => {
    const [h, p, s] = (await issuer.mint({ roles: ["Secrets.Reader"] })).split(".");
    const raised = { ...JSON.parse(Buffer.from(p!, "base64url").toString()), roles: ["Secrets.Operator"] };
    expect((await refusal(`${h}.${Buffer.from(JSON.stringify(raised)).toString("base64url")}.${s}`)).status).toBe(401);
  });

  it("refuses garbage", async () => {
    expect((await refusal("not-a-jwt")).status).toBe(401);
  });

  it("answers 503 (upstream identity) when the authority cannot be reached, and recovers later", async () => {
    const dead = createAccessTokenVerifier({ authority: "http://127.0.0.1:1/t/v2.0", audiences: ["x"], requiredScope: SCOPE,
      retryDiscoveryAfterSeconds: 0 });
    const err = await dead.verify(await userToken()).catch((e: unknown) => e as AppError);
    expect(err).toMatchObject({ kind: "upstream", status: 503, upstream: { service: "identity" } });
  });
});
