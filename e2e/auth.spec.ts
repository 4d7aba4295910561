import type { Page } from "@playwright/test";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { portalUrl } from "./support/endpoints";
import { accessTokenOf, DEMO_USERS, signInThroughUi } from "./support/sign-in";

/** Browser sign-in against the identity stand-in: who gets in, what each role sees, sign-out, silent renewal. */

test.describe("signing in through the UI", () => {
  test.use({ signedInAs: null });

  test("every portal page leads a signed-out visitor to the sign-in page", async ({ page }, testInfo) => {
    for (const path of ["/secrets/key-vault", "/activity", "/devices"]) {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/sign-in\\?returnTo=${encodeURIComponent(path).replaceAll("%", "\\%")}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Ops Portal");
      await expect(page.getByTestId("app-header")).toHaveCount(0);
    }
    await snap(page, testInfo, "sign-in");
    await expectAccessible(page, testInfo);
  });

  test("an operator signs in and lands on the page they asked for, with their name and role in the header", async ({ page }, testInfo) => {
    await signInThroughUi(page, "operator", "/activity");
    await expect(page).toHaveURL(/\/activity$/);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO_USERS.operator.displayName);
    await expect(page.getByTestId("user-role")).toHaveText("Secrets operator");
    await page.getByTestId("nav-secrets-key-vault").click();
    await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
    await expect(page.getByTestId("read-only-notice")).toHaveCount(0);
    await snap(page, testInfo, "signed-in-operator");
  });

  test("Sign out ends the session: every page leads to sign-in again, and no token is left in the tab", async ({ page }) => {
    await signInThroughUi(page, "operator", "/secrets/key-vault");
    await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in\b/, { timeout: 20_000 });
    const left = await page.evaluate(() => Object.values(window.sessionStorage).filter((v) => v.includes('"credentialType"')));
    expect(left).toEqual([]);
    await page.goto("/activity");
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Factivity$/);
    // The identity provider's session ended too: signing in asks for the password again.
    await page.getByTestId("sign-in-button").click();
    await expect(page.getByLabel("Password")).toBeVisible();
  });

  test("an account without a portal role signs in but the portal refuses it, naming the role", async ({ page, consoleErrors }) => {
    await signInThroughUi(page, "norole", "/secrets/key-vault");
    await expect(page.getByTestId("user-role")).toHaveText("No portal role");
    await expect(page.getByTestId("kv-secrets-error-detail")).toContainText("Secrets.Reader");
    // The browser reports each refused call itself; nothing else may be in the console.
    expect(consoleErrors.filter((e) => !e.includes("status of 403"))).toEqual([]);
    consoleErrors.length = 0;
  });

  // Its own sign-in: the stand-in's refresh tokens rotate (each works once), so the worker's shared session's must stay unspent.
  test("an access token that is gone is renewed silently (refresh token), without leaving the page", async ({ page }) => {
    await signInThroughUi(page, "operator", "/secrets/key-vault");
    await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
    await page.evaluate(() => {
      for (const [k, v] of Object.entries(window.sessionStorage)) if (v.includes('"credentialType":"AccessToken"')) window.sessionStorage.removeItem(k);
    });
    await page.reload();
    await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
    await expect(page).toHaveURL(/\/secrets\/key-vault$/);
    const tokens = await page.evaluate(() => Object.values(window.sessionStorage).filter((v) => v.includes('"credentialType":"AccessToken"')).length);
    expect(tokens).toBeGreaterThan(0);
  });

  test("a session that cannot be renewed silently goes through sign-in and back to the same page", async ({ page }) => {
    await signInThroughUi(page, "operator", "/activity");
    await expect(page.getByTestId("user-name")).toBeVisible();
    await page.evaluate(() => {
      for (const [k, v] of Object.entries(window.sessionStorage)) {
        if (/"credentialType":"(AccessToken|RefreshToken)"/.test(v)) window.sessionStorage.removeItem(k);
      }
    });
    const identityPages: string[] = [];
    page.on("request", (r) => { if (r.isNavigationRequest() && r.url().includes("/oauth2/v2.0/authorize")) identityPages.push(r.url()); });
    await page.reload();
    await expect(page).toHaveURL(/\/activity$/, { timeout: 20_000 });
    await expect(page.getByTestId("user-name")).toHaveText(DEMO_USERS.operator.displayName);
    expect(identityPages.length, "went through the identity provider (its session cookie signed the user in)").toBeGreaterThan(0);
  });
});

const syncedRow = (page: Page, name: string) => page.locator(`[data-testid="synced-secret-row"][data-secret-name="${name}"]`);

// The Secrets page is where the two roles differ on screen: an operator may delete the portal's own synced secrets.
test("as an operator, the portal's own synced secrets carry Delete (what a reader must not see)", async ({ page }) => {
  await page.goto("/secrets");
  await expect(page.getByTestId("user-role")).toHaveText("Secrets operator");
  await expect(syncedRow(page, "kafka-sasl").getByTestId("synced-secret-delete")).toBeVisible();
});

test.describe("as a reader", () => {
  test.use({ signedInAs: "reader" });

  test("sees the synced secrets without change controls, the vault's read-only notice, and the API refuses a write with 403", async ({ page, sessionOf, playwright }, testInfo) => {
    await page.goto("/secrets");
    await expect(page.getByTestId("user-role")).toHaveText("Secrets reader");
    await expect(syncedRow(page, "kafka-sasl")).toBeVisible();
    await expect(page.getByTestId("synced-secret-delete")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /create|new secret|delete|sync/i })).toHaveCount(0);
    await page.goto("/secrets/key-vault");
    await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
    await expect(page.getByTestId("read-only-notice")).toContainText("Secrets.Operator");
    await page.goto("/activity");
    await expect(page.getByTestId("activity-empty").or(page.getByTestId("activity-row").first())).toBeVisible();
    await snap(page, testInfo, "signed-in-reader");

    const api = await playwright.request.newContext({ baseURL: page.url() });
    const res = await api.post("/api/key-vault/secrets", {
      headers: { authorization: `Bearer ${accessTokenOf(await sessionOf("reader"))}` }, data: { name: "x" }, failOnStatusCode: false,
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).detail).toContain("Secrets operator");
    await api.dispose();
  });
});

test.describe("returnTo after sign-in", () => {
  // A signed-in visitor on the sign-in page is sent on to returnTo at once: the page an open redirect would abuse.
  for (const payload of ["%2F%09%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example", "https%3A%2F%2Fevil.example%2F",
    "%2F.%2F%2Fevil.example", "javascript%3Aalert(1)"]) {
    test(`returnTo=${payload} keeps a signed-in operator on the portal`, async ({ page, consoleErrors }) => {
      const portal = new URL(portalUrl());
      const away: string[] = [];
      page.on("request", (r) => { if (r.isNavigationRequest() && new URL(r.url()).hostname.endsWith("evil.example")) away.push(r.url()); });
      // By host: the sign-in URL itself carries "evil.example" in its query.
      await page.route((url) => url.hostname.endsWith("evil.example"), (route) => route.abort());
      await page.goto(`/sign-in?returnTo=${payload}`);
      await expect(page).toHaveURL((url) => url.host === portal.host && !url.pathname.startsWith("/sign-in"));
      expect(away).toEqual([]);
      // A path that survives the check (`/.//evil.example` → `/evil.example`) is a page of the portal that does not
      // exist: its 404 is the one console entry expected.
      const rest = consoleErrors.filter((e) => !(e.includes("status of 404") && e.includes(`${portal.host}/evil.example`)));
      consoleErrors.length = 0;
      expect(rest).toEqual([]);
    });
  }
});

test("API answers carry the API's own security headers, a refusal included", async ({ page }) => {
  const res = await page.request.get("/api/instance", { headers: { "accept-encoding": "gzip" } });
  expect(res.status()).toBe(401);
  const h = res.headers();
  expect(h["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
});

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ page }) => {
  const res = await page.goto("/secrets/key-vault");
  const h = res!.headers();
  const csp = h["content-security-policy"] ?? "";
  const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/connect-src 'self' https:\/\/127\.0\.0\.1:\d+/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
  // A fresh nonce per response, and it is the one on the page's scripts.
  const again = (await page.request.get("/secrets/key-vault")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const scriptNonces = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
});
