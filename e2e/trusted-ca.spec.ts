import { expect, test, type Browser, type LaunchOptions } from "@playwright/test";
import { portalUrl, readEndpoints } from "./support/endpoints";
import { DEMO_USERS, signInThroughUi } from "./support/sign-in";
import { trustingHome } from "./support/trusting-home";

/**
 * What a person sees after `npm run stack -- trust`: their own Chromium (a HOME whose NSS database trusts the stack's
 * CA, no Playwright override) signs in on the identity stand-in's HTTPS pages without a certificate error. Every
 * other spec runs with ignoreHTTPSErrors (playwright.config.ts); this one must not.
 */
test("after `npm run stack -- trust`, Chromium signs in over the stand-in's HTTPS without a certificate error", async ({ playwright }, testInfo) => {
  const endpoints = readEndpoints();
  const trusted = trustingHome(process.env.E2E_ENDPOINTS_FILE!);
  expect(trusted.output).toContain(".pki/nssdb");
  // The project's browser, flags and all; only HOME differs, which is where Chromium looks for the NSS database.
  const launch = (testInfo.project.use as { launchOptions?: LaunchOptions }).launchOptions ?? {};
  let browser: Browser | undefined;
  try {
    browser = await playwright.chromium.launch({ ...launch, env: { ...process.env, HOME: trusted.home } });
    const context = await browser.newContext({ baseURL: portalUrl(), ignoreHTTPSErrors: false });
    const page = await context.newPage();
    // A certificate error ends the test at once, naming the URL, instead of a timeout on a field of the error page.
    const certificateErrors: string[] = [];
    let certificateError: (err: Error) => void = () => undefined;
    const failedOnCertificate = new Promise<never>((_, reject) => { certificateError = reject; });
    failedOnCertificate.catch(() => undefined);
    page.on("requestfailed", (r) => {
      const reason = r.failure()?.errorText ?? "";
      if (!/CERT|SSL/i.test(reason)) return;
      certificateErrors.push(`${r.url()}: ${reason}`);
      certificateError(new Error(`certificate error: ${r.url()}: ${reason}`));
    });
    const signInPage = page.waitForResponse((r) => r.url().startsWith(endpoints.authorityHost) && r.request().resourceType() === "document");
    signInPage.catch(() => undefined);

    await Promise.race([signInThroughUi(page, "operator"), failedOnCertificate]);
    // The stand-in's page came over TLS that Chromium verified against the CA it was told to trust.
    const details = await (await signInPage).securityDetails();
    expect(details?.issuer).toMatch(/^Ops Portal local stack CA/);
    await expect(page.getByTestId("user-name")).toHaveText(DEMO_USERS.operator.displayName);
    expect(certificateErrors).toEqual([]);
    await context.close();
  } finally {
    await browser?.close();
    trusted.remove();
  }
});
