import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, type TlsMaterial } from "../shared/tls";
import { ScriptedBrowser } from "./browser-test-support";
import { PORTAL_SPA_APP, portalApiAppIdUri, portalSpa, spaRedirectUris } from "./portal-api";
import { startIdentityServer, type RunningIdentityServer } from "./server";
import { httpsRaw } from "./test-support";

const PORTAL = "http://127.0.0.1:3000";
const JUNK = ["", " ", "\u0000", "%00", "%", "🙂", "<script>alert(1)</script>", "javascript:alert(1)", "//evil.example/",
  "https://evil.example/", `${PORTAL}/../evil`, "\r\nLocation: https://evil.example/", "x".repeat(8 * 1024), "null", "[]"];
let dir: string;
let tls: TlsMaterial;
let idp: RunningIdentityServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-browser-bad-"));
  tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
  await idp.store.setSpaRedirectUris(PORTAL_SPA_APP, spaRedirectUris(PORTAL));
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

const base = () => `${idp.authorityHost}${idp.tenantId}/oauth2/v2.0`;
function validAuthorize(): [string, string][] {
  return [["client_id", portalSpa(idp.store.current()).clientId], ["response_type", "code"], ["redirect_uri", `${PORTAL}/`],
    ["scope", `${portalApiAppIdUri(idp.store.current())}/access_as_user openid offline_access`], ["state", "s"],
    ["code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSw9cjzw"], ["code_challenge_method", "S256"], ["response_mode", "fragment"]];
}
const query = (fields: [string, string][]) => new URLSearchParams(fields).toString();

describe("browser sign-in endpoints refuse bad input without a 5xx and never redirect anywhere unregistered", () => {
  it("authorize: every parameter dropped, junked or doubled", async () => {
    const valid = validAuthorize();
    const queries: string[] = [];
    for (const [field] of valid) {
      queries.push(query(valid.filter(([k]) => k !== field)));
      for (const junk of JUNK) queries.push(query(valid.map(([k, v]) => [k, k === field ? junk : v])));
      queries.push(query([...valid, [field, "junk"]]));
    }
    for (const prompt of ["none", "login", "consent", "bogus", ""]) queries.push(query([...valid, ["prompt", prompt]]));
    queries.push("%zz=%zz&&&", "client_id", "=".repeat(100));
    expect(queries.length).toBeGreaterThan(140);
    for (const q of queries) {
      const reply = await httpsRaw("GET", `${base()}/authorize?${q}`, { ca: tls.ca });
      expect(reply.status, q.slice(0, 200)).toBeLessThan(500);
      if (reply.status === 302) expect(String(reply.headers.location).startsWith(`${PORTAL}/`), q.slice(0, 200)).toBe(true);
      expect(reply.text).not.toContain("<script>alert(1)</script>");
    }
  });

  it("the sign-in form: forged, stale, oversized or garbled posts", async () => {
    const b = new ScriptedBrowser({ authority: `${idp.authorityHost}${idp.tenantId}`, ca: tls.ca,
      clientId: portalSpa(idp.store.current()).clientId, origin: PORTAL });
    const { reply: page } = await b.authorize({ scope: "openid", login_hint: '"><script>alert(1)</script>' });
    expect(page.text).not.toContain("<script>alert(1)</script>");
    const formId = /name="form_id" value="([^"]*)"/.exec(page.text)![1]!;
    const bodies = [
      "", "form_id=&csrf=", `form_id=${formId}&csrf=forged&username=olivia.operator&password=operator-demo`,
      `form_id=forged&csrf=x&username=olivia.operator&password=operator-demo`, "%zz%zz", "\u0000\u0001",
      `form_id=${formId}&username=${"u".repeat(10_000)}`, "x=".padEnd(20 * 1024, "y"),
    ];
    for (const body of bodies) {
      const reply = await b.postForm(`${base()}/authorize`, Object.fromEntries(new URLSearchParams(body)));
      expect(reply.status, body.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(b.hasCookie("opsidp_session")).toBe(false);
    }
    const raw = await httpsRaw("POST", `${base()}/authorize`, { ca: tls.ca, body: "a=".padEnd(64 * 1024, "b"),
      headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(raw.status).toBe(413);
    // A login CSRF: the right form id and CSRF value, posted without the browser's CSRF cookie.
    const csrf = /name="csrf" value="([^"]*)"/.exec(page.text)![1]!;
    const forged = await httpsRaw("POST", `${base()}/authorize`, { ca: tls.ca,
      body: new URLSearchParams({ form_id: formId, csrf, username: "olivia.operator", password: "operator-demo" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain("expired or was not opened by this browser");
  });

  it("token endpoint: authorization_code and refresh_token with junk", async () => {
    const spa = portalSpa(idp.store.current()).clientId;
    const forms: Record<string, string>[] = [];
    for (const junk of JUNK) {
      forms.push({ grant_type: "authorization_code", client_id: spa, code: junk, redirect_uri: `${PORTAL}/`, code_verifier: "v".repeat(43) });
      forms.push({ grant_type: "authorization_code", client_id: junk, code: "c", redirect_uri: junk, code_verifier: junk });
      forms.push({ grant_type: "refresh_token", client_id: spa, refresh_token: junk, scope: junk });
      forms.push({ grant_type: "refresh_token", client_id: junk, refresh_token: "r" });
    }
    forms.push({ grant_type: "authorization_code" }, { grant_type: "refresh_token" },
      { grant_type: "authorization_code", client_id: idp.store.findPrincipal("automation")!.objectId, code: "c" });
    for (const form of forms) {
      const reply = await httpsRaw("POST", `${base()}/token`, { ca: tls.ca, body: new URLSearchParams(form).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", origin: PORTAL } });
      expect(reply.status, JSON.stringify(form).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(JSON.parse(reply.text)).toMatchObject({ error: expect.any(String), error_codes: [expect.any(Number)] });
    }
  });

  it("logout and odd methods", async () => {
    for (const junk of JUNK) {
      const reply = await httpsRaw("GET", `${base()}/logout?post_logout_redirect_uri=${encodeURIComponent(junk)}&state=${encodeURIComponent(junk)}`,
        { ca: tls.ca, headers: { cookie: `opsidp_session=${encodeURIComponent(junk)}` } });
      // Node itself answers 431 when the junk makes the headers too large; otherwise the signed-out page.
      expect(reply.status === 431 || reply.text.includes("You signed out"), junk.slice(0, 40)).toBe(true);
      expect(reply.headers.location).toBeUndefined();
    }
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      expect((await httpsRaw(method, `${base()}/authorize`, { ca: tls.ca })).status).toBe(405);
    }
    const alive = await httpsRaw("GET", `${idp.authorityHost}${idp.tenantId}/v2.0/.well-known/openid-configuration`, { ca: tls.ca });
    expect(alive.status).toBe(200);
  });
});
