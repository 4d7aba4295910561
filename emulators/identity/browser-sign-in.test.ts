import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, type TlsMaterial } from "../shared/tls";
import { redirectParams, ScriptedBrowser } from "./browser-test-support";
import { PORTAL_SPA_APP, portalApi, portalSpa, spaRedirectUris } from "./portal-api";
import { startIdentityServer, type RunningIdentityServer } from "./server";
import { httpsJson, httpsRaw } from "./test-support";

const PORTAL = "http://127.0.0.1:3000";
let dir: string;
let tls: TlsMaterial;
let idp: RunningIdentityServer;
let spaClientId: string;
let apiScope: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-browser-"));
  tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
  await idp.store.setSpaRedirectUris(PORTAL_SPA_APP, spaRedirectUris(PORTAL));
  spaClientId = portalSpa(idp.store.current()).clientId;
  apiScope = `api://${portalApi(idp.store.current()).clientId}/access_as_user`;
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

const browser = () => new ScriptedBrowser({ authority: `${idp.authorityHost}${idp.tenantId}`, ca: tls.ca, clientId: spaClientId, origin: PORTAL });
const scopes = () => `${apiScope} openid profile offline_access`;

/** Verifies a token with the stand-in's published JWKS, as the portal does. */
async function verify(token: string, audience: string) {
  const jwks = (await httpsJson("GET", `${idp.authorityHost}${idp.tenantId}/discovery/v2.0/keys`, { ca: tls.ca })).body;
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as unknown as JSONWebKeySet),
    { issuer: idp.issuer, audience, algorithms: ["RS256"] });
  return payload;
}

/** Signs in through the form and returns the browser (with its session) and the code's redirect. */
async function signIn(username: string, password: string, params: Record<string, string> = {}) {
  const b = browser();
  const { reply: page, verifier } = await b.authorize({ scope: scopes(), ...params });
  const reply = await b.submitSignIn(page, username, password);
  return { b, verifier, reply };
}

describe("browser sign-in: authorization code + PKCE for the portal's single-page app", () => {
  it("shows an accessible sign-in page listing the demo users, under a strict CSP", async () => {
    const { reply } = await browser().authorize({ scope: scopes() });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^text\/html/);
    expect(reply.text).toMatch(/<label for="username">User name<\/label>/);
    expect(reply.text).toMatch(/<label for="password">Password<\/label>/);
    for (const user of ["olivia.operator", "rudy.reader", "nora.norole"]) expect(reply.text).toContain(user);
    expect(reply.text).toContain("Secrets.Operator");
    expect(reply.headers["content-security-policy"]).toMatch(/default-src 'none'.*form-action 'self' http:\/\/127\.0\.0\.1:3000.*frame-ancestors 'none'/);
    expect(reply.text).not.toMatch(/<script/);
  });

  it("signs Olivia in, redeems the code once with the verifier, and issues tokens the JWKS verifies", async () => {
    const wrong = await signIn("olivia.operator", "not-her-password");
    expect(wrong.reply.status).toBe(200);
    expect(wrong.reply.text).toContain("The user name or password is incorrect.");
    expect(wrong.b.hasCookie("opsidp_session")).toBe(false);

    const { b, verifier, reply } = await signIn("Olivia.Operator@opsportal.example", "operator-demo");
    expect(reply.status).toBe(302);
    expect(String(reply.headers.location)).toMatch(/^http:\/\/127\.0\.0\.1:3000\/#code=/);
    const params = redirectParams(reply);
    expect(params.get("state")).toBe("state-1");
    const code = params.get("code")!;
    const redeem = (codeVerifier: string) => b.token({
      grant_type: "authorization_code", code, redirect_uri: `${PORTAL}/`, code_verifier: codeVerifier, scope: scopes(), client_info: "1",
    });

    const badVerifier = await redeem(`${verifier}x`);
    expect(badVerifier.status).toBe(400);
    expect(badVerifier.body).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
    const ok = await redeem(verifier);
    expect(ok.status).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(ok.body).toMatchObject({ token_type: "Bearer", scope: `${apiScope} openid profile` });
    const again = await redeem(verifier);
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });

    const user = idp.store.findPrincipal("olivia.operator")!;
    const id = await verify(String(ok.body.id_token), spaClientId);
    expect(id).toMatchObject({ aud: spaClientId, tid: idp.tenantId, oid: user.objectId, nonce: "nonce-1",
      name: "Olivia Operator", preferred_username: "olivia.operator@opsportal.example", ver: "2.0" });
    const access = await verify(String(ok.body.access_token), apiScope.replace("/access_as_user", ""));
    expect(access).toMatchObject({ oid: user.objectId, tid: idp.tenantId, scp: "access_as_user", roles: ["Secrets.Operator"],
      azp: spaClientId, name: "Olivia Operator" });
    expect(JSON.parse(Buffer.from(String(ok.body.client_info), "base64url").toString())).toEqual({ uid: user.objectId, utid: idp.tenantId });
  });

  it("gives Rudy the reader role and Nora no role at all", async () => {
    for (const [name, password, roles] of [["rudy.reader", "reader-demo", ["Secrets.Reader"]], ["nora.norole", "norole-demo", undefined]] as const) {
      const { b, verifier, reply } = await signIn(name, password);
      const tokens = await b.token({ grant_type: "authorization_code", code: redirectParams(reply).get("code")!,
        redirect_uri: `${PORTAL}/`, code_verifier: verifier });
      expect(decodeJwt(String(tokens.body.access_token)).roles).toEqual(roles);
    }
  });

  it("renews with a refresh token that rotates: each one works once", async () => {
    const { b, verifier, reply } = await signIn("olivia.operator", "operator-demo");
    const first = await b.token({ grant_type: "authorization_code", code: redirectParams(reply).get("code")!,
      redirect_uri: `${PORTAL}/`, code_verifier: verifier });
    const refresh = (token: string) => b.token({ grant_type: "refresh_token", refresh_token: token, scope: scopes() });
    const second = await refresh(String(first.body.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toEqual(expect.any(String));
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(decodeJwt(String(second.body.access_token)).roles).toEqual(["Secrets.Operator"]);
    expect((await refresh(String(first.body.refresh_token))).body).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(String(second.body.refresh_token))).status).toBe(200);
  });

  it("is silent on a second authorize with a session; prompt=none without one says login_required; prompt=login asks again", async () => {
    const { b } = await signIn("olivia.operator", "operator-demo");
    const silent = await b.authorize({ scope: scopes() });
    expect(silent.reply.status).toBe(302);
    expect(redirectParams(silent.reply).get("code")).toBeTruthy();
    const none = await b.authorize({ scope: scopes(), prompt: "none" });
    expect(redirectParams(none.reply).get("code")).toBeTruthy();
    const forced = await b.authorize({ scope: scopes(), prompt: "login" });
    expect(forced.reply.status).toBe(200);
    expect(forced.reply.text).toContain('name="password"');

    const stranger = await browser().authorize({ scope: scopes(), prompt: "none", response_mode: "query" });
    expect(stranger.reply.status).toBe(302);
    const refused = redirectParams(stranger.reply);
    expect(String(stranger.reply.headers.location)).toMatch(/^http:\/\/127\.0\.0\.1:3000\/\?error=login_required/);
    expect(refused.get("error_description")).toMatch(/^AADSTS50058: /);
    expect(refused.get("state")).toBe("state-1");
  });

  it("logout ends the session and its refresh tokens, then returns to the registered address", async () => {
    const { b, verifier, reply } = await signIn("olivia.operator", "operator-demo");
    const tokens = await b.token({ grant_type: "authorization_code", code: redirectParams(reply).get("code")!,
      redirect_uri: `${PORTAL}/`, code_verifier: verifier });
    const out = await b.get(`${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=` +
      `${encodeURIComponent(`${PORTAL}/`)}&state=bye`);
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe(`${PORTAL}/?state=bye`);
    expect(redirectParams((await b.authorize({ scope: scopes(), prompt: "none" })).reply).get("error")).toBe("login_required");
    expect((await b.token({ grant_type: "refresh_token", refresh_token: String(tokens.body.refresh_token), scope: scopes() })).body)
      .toMatchObject({ error: "invalid_grant" });
    const elsewhere = await b.get(`${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F`);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.text).toContain("You signed out");
  });

  it("answers CORS preflights for the portal's origin only", async () => {
    const preflight = (origin: string) => fetchRaw("OPTIONS", `${idp.tenantId}/oauth2/v2.0/token`,
      { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" });
    const ok = await preflight(PORTAL);
    expect(ok.status).toBe(204);
    expect(ok.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(ok.headers["access-control-allow-methods"]).toContain("POST");
    const other = await preflight("https://evil.example");
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    const discovery = await fetchRaw("GET", `${idp.tenantId}/v2.0/.well-known/openid-configuration`, { origin: PORTAL });
    expect(discovery.headers["access-control-allow-origin"]).toBe("*");
    expect(JSON.parse(discovery.text)).toMatchObject({
      authorization_endpoint: `${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/logout`,
      code_challenge_methods_supported: ["S256"], response_modes_supported: ["query", "fragment"],
    });
  });

  it("gives the automation client the operator role on the portal API (client credentials)", async () => {
    const automation = idp.store.findPrincipal("automation") as { clientId: string; secrets: string[] };
    const reply = await httpsJson("POST", `${idp.authorityHost}${idp.tenantId}/oauth2/v2.0/token`, {
      ca: tls.ca, body: new URLSearchParams({ grant_type: "client_credentials", client_id: automation.clientId,
        client_secret: automation.secrets[0]!, scope: `${apiScope.replace("/access_as_user", "")}/.default` }).toString(),
    });
    const claims = await verify(String(reply.body.access_token), apiScope.replace("/access_as_user", ""));
    expect(claims).toMatchObject({ roles: ["Secrets.Operator"], idtyp: "app" });
  });
});

function fetchRaw(method: string, path: string, headers: Record<string, string>) {
  return httpsRaw(method, `${idp.authorityHost}${path}`, { ca: tls.ca, headers });
}
