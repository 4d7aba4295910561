import type { Page } from "@playwright/test";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { portalUrl, readEndpoints } from "./support/endpoints";

/** `built`: the test id of what a built page shows once loaded (a row, or its empty state). */
const PAGES = [
  { nav: "Devices", path: "/devices", heading: "Devices", built: "device-row|devices-empty" },
  { nav: "Data flow endpoints", path: "/dataflow-endpoints", heading: "Data flow endpoints", built: "dataflow-endpoint-row|dataflow-endpoints-empty" },
  { nav: "Secrets", path: "/secrets", heading: "Secrets", built: "synced-secret-row|synced-secrets-empty" },
  { nav: "Key Vault secrets", path: "/secrets/key-vault", heading: "Key Vault secrets", built: "kv-secret-row" },
  { nav: "Secure settings", path: "/secure-settings", heading: "Secure settings", built: null },
  { nav: "Activity", path: "/activity", heading: "Activity", built: "activity-row|activity-empty" },
] as const;

const loaded = (page: Page, built: string) =>
  built.split("|").map((id) => page.getByTestId(id).first()).reduce((a, b) => a.or(b)).first();

test("the home page opens the Key Vault secrets page, with the instance and its vault in the header", async ({ page }) => {
  const endpoints = readEndpoints();
  await page.goto("/");
  await expect(page).toHaveURL(/\/secrets\/key-vault$/);
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByTestId("header-key-vault")).toHaveText(endpoints.keyVaultName);
  await expect(page.getByTestId("header-instance")).toHaveText(process.env.E2E_INSTANCE_NAME!);
});

test("the browser's own /favicon.ico request is served (Chromium asks for it on some navigations)", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/");
});

test("robots.txt and the header's logo are served to a signed-out visitor, under the security headers", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: portalUrl() });
  try {
    const robots = await anonymous.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toContain("text/plain");
    expect(await robots.text()).toMatch(/^User-agent: \*\s*\nDisallow: \/\s*$/m);
    const logo = await anonymous.get("/logo.svg");
    expect(logo.status()).toBe(200);
    expect(logo.headers()["content-type"]).toContain("image/svg+xml");
    expect(logo.headers()["x-content-type-options"]).toBe("nosniff");
    expect(logo.headers()["content-security-policy"]).toContain("img-src 'self'");
  } finally {
    await anonymous.dispose();
  }
  // The header shows it from the file, and the page's CSP lets it load.
  await page.goto("/secrets/key-vault");
  const logo = page.getByRole("banner").getByTestId("header-logo");
  await expect(logo).toHaveAttribute("src", "/logo.svg");
  await expect.poll(() => logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
});

test("the left navigation reaches every page and marks the current one", async ({ page }, testInfo) => {
  await page.goto("/devices");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByText("Manage certificates and secrets")).toBeVisible();

  for (const p of PAGES) {
    const link = nav.getByTestId(`nav${p.path.replaceAll("/", "-")}`);
    await expect(link).toContainText(p.nav);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${p.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.heading);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(nav.locator('[aria-current="page"]')).toHaveAttribute("href", p.path);
    if (p.built) {
      await expect(page.getByTestId("not-built-yet")).toHaveCount(0);
      await expect(loaded(page, p.built)).toBeVisible();
    } else {
      await expect(page.getByTestId("not-built-yet")).toContainText("Not built yet");
      // The product speaks of releases, never of the tracker's issue numbers.
      await expect(page.getByTestId("not-built-yet")).not.toContainText(/\bissues?\b/i);
    }
    await snap(page, testInfo, `page${p.path.replaceAll("/", "-")}`);
  }
});

for (const p of PAGES) {
  test(`${p.path} has no serious accessibility violations`, async ({ page }, testInfo) => {
    await page.goto(p.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.heading);
    if (p.built) await expect(loaded(page, p.built)).toBeVisible();
    await expect(page.getByTestId("header-key-vault")).not.toBeEmpty();
    await expectAccessible(page, testInfo);
  });
}
