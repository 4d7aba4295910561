import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { automationApiToken } from "./support/api-tokens";
import { portalUrl, readEndpoints } from "./support/endpoints";
import { captureSession, restoreSession, type DemoUser, type SessionSnapshot } from "./support/sign-in";

interface Fixtures {
  /** Console errors and uncaught exceptions of the page; the test fails if any remain at its end. */
  consoleErrors: string[];
  /** Who the test's pages are signed in as (`test.use({ signedInAs: null })` for a signed-out visitor). */
  signedInAs: DemoUser | null;
}

interface WorkerFixtures {
  /** Each demo user signs in through the UI once per worker; pages reuse that session. */
  sessionOf: (who: DemoUser) => Promise<SessionSnapshot>;
  /** A portal API token of the automation client (Secrets operator), for `request`. */
  apiToken: string;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // The portal runs on a port chosen by global setup.
  baseURL: async ({}, provide) => provide(portalUrl()),
  signedInAs: ["operator", { option: true }],
  sessionOf: [
    async ({ browser }, provide) => {
      const sessions = new Map<DemoUser, Promise<SessionSnapshot>>();
      await provide((who) => {
        if (!sessions.has(who)) sessions.set(who, captureSession(browser, portalUrl(), who));
        return sessions.get(who)!;
      });
    },
    { scope: "worker" },
  ],
  apiToken: [async ({}, provide) => provide(await automationApiToken(readEndpoints())), { scope: "worker" }],
  context: async ({ context, signedInAs, sessionOf }, provide) => {
    if (signedInAs) await restoreSession(context, portalUrl(), await sessionOf(signedInAs));
    await provide(context);
  },
  // API calls in tests are a script's: the automation client's bearer token.
  request: async ({ playwright, apiToken }, provide) => {
    const request = await playwright.request.newContext({ baseURL: portalUrl(), extraHTTPHeaders: { authorization: `Bearer ${apiToken}` } });
    await provide(request);
    await request.dispose();
  },
  consoleErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location().url})`);
      });
      page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
      await provide(errors);
      expect(errors, "no console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Saves a full-page screenshot as a test artifact (in the output folder and attached to the report). */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** No serious or critical WCAG 2.x A/AA violations (axe-core). */
export async function expectAccessible(page: Page, testInfo: TestInfo): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) await testInfo.attach("axe-violations.json", { body: JSON.stringify(bad, null, 2), contentType: "application/json" });
  expect(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`),
    "no serious or critical axe violations",
  ).toEqual([]);
}
