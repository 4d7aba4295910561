import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * Browser sign-in against the local identity stand-in, the way a person does it: the portal's sign-in page, the
 * stand-in's form, back to the portal. MSAL keeps its cache in sessionStorage (README, "Sign-in"), which Playwright's
 * storageState does not carry, so a signed-in session is captured from sessionStorage once per worker and put back
 * into each new page before the portal's scripts run.
 */

export type DemoUser = "operator" | "reader" | "norole";

/** The stand-in's demo accounts (README, "Sign-in"). */
export const DEMO_USERS: Record<DemoUser, { username: string; password: string; displayName: string }> = {
  operator: { username: "olivia.operator", password: "operator-demo", displayName: "Olivia Operator" },
  reader: { username: "rudy.reader", password: "reader-demo", displayName: "Rudy Reader" },
  norole: { username: "nora.norole", password: "norole-demo", displayName: "Nora Norole" },
};

/** sessionStorage of the portal's origin: MSAL's accounts, ID/access/refresh tokens. */
export type SessionSnapshot = [string, string][];

/** From the sign-in page (or any page that leads there) through the stand-in's form back into the portal. */
export async function signInThroughUi(page: Page, who: DemoUser, start = "/"): Promise<void> {
  const user = DEMO_USERS[who];
  await page.goto(start);
  await expect(page).toHaveURL(/\/sign-in\b/);
  await page.getByTestId("sign-in-button").click();
  await page.getByLabel("User name").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs `who` in, in a fresh context, and returns their portal sessionStorage. */
export async function captureSession(browser: Browser, baseURL: string, who: DemoUser): Promise<SessionSnapshot> {
  const context = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await signInThroughUi(page, who);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO_USERS[who].displayName);
    return await page.evaluate(() => Object.entries(window.sessionStorage));
  } finally {
    await context.close();
  }
}

/** Puts a captured session into every page of `context` on the portal's origin, before any script runs. */
export async function restoreSession(context: BrowserContext, origin: string, snapshot: SessionSnapshot): Promise<void> {
  // Once per tab: after Sign out the session must stay gone on the next page load.
  await context.addInitScript(({ origin: o, entries }) => {
    if (window.location.origin !== o || window.sessionStorage.getItem("e2e.session-restored")) return;
    for (const [k, v] of entries) window.sessionStorage.setItem(k, v);
    window.sessionStorage.setItem("e2e.session-restored", "1");
  }, { origin, entries: snapshot });
}

/** The access token for the portal API that MSAL cached in a captured session. */
export function accessTokenOf(snapshot: SessionSnapshot): string {
  for (const [, raw] of snapshot) {
    try {
      const v = JSON.parse(raw) as { credentialType?: string; secret?: string };
      if (v.credentialType === "AccessToken" && v.secret) return v.secret;
    } catch {
      // not an MSAL entry
    }
  }
  throw new Error("no access token in the captured session (is MSAL's cache in sessionStorage?)");
}
