import { readFile, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial } from "../shared/tls";
import { PORTAL_SPA_APP, portalApiAppIdUri, portalSpa, spaRedirectUris } from "./portal-api";
import { startIdentityServer, type RunningIdentityServer } from "./server";

/**
 * The real judge of browser sign-in: @azure/msal-browser 5 (its UMD bundle, unmodified) in Debian's Chromium, in a
 * tiny single-page app served over http://127.0.0.1 as the portal is. Configuration only: authority, knownAuthorities,
 * protocolMode; everything else is MSAL's default behaviour (redirect flow, PKCE, refresh tokens, logout).
 */
let dir: string;
let idp: RunningIdentityServer;
let spa: Server;
let spaOrigin: string;
let browser: Browser;

const APP = `
(async () => {
  const cfg = window.CFG;
  const pca = new msal.PublicClientApplication({
    auth: { clientId: cfg.clientId, authority: cfg.authority, knownAuthorities: cfg.knownAuthorities,
            redirectUri: location.origin + "/", postLogoutRedirectUri: location.origin + "/" },
    cache: { cacheLocation: "sessionStorage" },
    system: { protocolMode: cfg.protocolMode },
  });
  await pca.initialize();
  const result = await pca.handleRedirectPromise();
  if (result) window.loginResult = { username: result.account.username, name: result.account.name,
    roles: result.idTokenClaims.roles, accessToken: result.accessToken, scopes: result.scopes };
  if (pca.getAllAccounts().length === 0 && !sessionStorage.getItem("signedOut")) {
    await pca.loginRedirect({ scopes: [cfg.apiScope] });
    return;
  }
  window.pca = pca;
  document.title = "ready";
})().catch((e) => { window.msalError = String(e && (e.errorCode || "") + " " + e.message); document.title = "error"; });`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-msal-browser-"));
  const tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
  // The package's exports map hides its UMD bundle; it sits at a fixed place in the package.
  const msalJs = await readFile(resolve(__dirname, "../../node_modules/@azure/msal-browser/lib/msal-browser.min.js"), "utf8");
  let config = "";
  spa = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = path === "/msal.js" ? msalJs : path === "/app.js" ? APP : path === "/config.js" ? config
      : '<!doctype html><title>loading</title><script src="/config.js"></script><script src="/msal.js"></script><script src="/app.js"></script>';
    res.writeHead(200, { "content-type": path.endsWith(".js") ? "text/javascript" : "text/html" }).end(body);
  });
  await new Promise<void>((done) => spa.listen(0, "127.0.0.1", done));
  spaOrigin = `http://127.0.0.1:${(spa.address() as AddressInfo).port}`;
  await idp.store.setSpaRedirectUris(PORTAL_SPA_APP, spaRedirectUris(spaOrigin));
  const state = idp.store.current();
  const setConfig = (protocolMode: string, authority: string) => {
    config = `window.CFG = ${JSON.stringify({ clientId: portalSpa(state).clientId, authority, protocolMode,
      knownAuthorities: [new URL(idp.authorityHost).host], apiScope: `${portalApiAppIdUri(state)}/access_as_user` })};`;
  };
  (globalThis as { setSpaConfig?: typeof setConfig }).setSpaConfig = setConfig;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (spa) {
    spa.closeAllConnections();
    await new Promise((done) => spa.close(done));
  }
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("@azure/msal-browser 5 against the identity stand-in", () => {
  it.each([
    ["AAD", (h: string, t: string) => `${h}${t}`],
    ["OIDC", (h: string, t: string) => `${h}${t}/v2.0`],
  ])("protocolMode %s: loginRedirect, acquireTokenSilent (refresh token), logoutRedirect", async (mode, authority) => {
    (globalThis as unknown as { setSpaConfig(m: string, a: string): void }).setSpaConfig(mode, authority(idp.authorityHost, idp.tenantId));
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${spaOrigin}/`);
    await page.getByLabel("User name").fill("olivia.operator");
    await page.getByLabel("Password").fill("operator-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(() => document.title === "ready" || document.title === "error", undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { msalError?: string }).msalError)).toBeUndefined();
    const login = await page.evaluate(() => (window as unknown as { loginResult: Record<string, unknown> }).loginResult);
    expect(login).toMatchObject({ username: "olivia.operator@opsportal.example", name: "Olivia Operator" });
    const access = JSON.parse(Buffer.from(String(login.accessToken).split(".")[1]!, "base64url").toString());
    expect(access).toMatchObject({ aud: portalApiAppIdUri(idp.store.current()), roles: ["Secrets.Operator"], scp: "access_as_user" });

    const renewed = await page.evaluate(async (scope) => {
      const w = window as unknown as { pca: { getAllAccounts(): unknown[]; acquireTokenSilent(r: unknown): Promise<{ accessToken: string }> } };
      const r = await w.pca.acquireTokenSilent({ scopes: [scope], account: w.pca.getAllAccounts()[0], forceRefresh: true });
      return r.accessToken;
    }, `${portalApiAppIdUri(idp.store.current())}/access_as_user`);
    expect(renewed).not.toBe(login.accessToken);

    await Promise.all([
      page.waitForRequest(/\/oauth2\/v2\.0\/logout\?/),
      page.evaluate(() => {
        sessionStorage.setItem("signedOut", "1");
        void (window as unknown as { pca: { logoutRedirect(): Promise<void> } }).pca.logoutRedirect();
      }),
    ]);
    await page.waitForURL((u) => u.href.startsWith(spaOrigin));
    await page.waitForFunction(() => document.title === "ready");
    expect(await page.evaluate(() => (window as unknown as { pca: { getAllAccounts(): unknown[] } }).pca.getAllAccounts())).toEqual([]);
    // The identity provider's session ended too: signing in again asks for the password.
    await page.evaluate(() => sessionStorage.removeItem("signedOut"));
    await page.reload();
    await expect(page.getByLabel("Password").waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    await context.close();
  }, 60_000);
});
