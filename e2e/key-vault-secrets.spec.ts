import { randomUUID } from "node:crypto";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { readEndpoints } from "./support/endpoints";
import { SecretsPage } from "./support/secrets-page";
import { secretName, VaultRest, type SecretItem } from "./support/vault-rest";

// One vault is shared by these tests: the seeded-demo checks run before the bulk seeding changes it.
test.describe.configure({ mode: "serial" });

const WEEK_S = 7 * 86_400;
const BULK = 300;
const bulkName = (i: number) => `e2e-bulk-${String(i).padStart(3, "0")}`;

test("lists the seeded secrets with their status, expiry and tags — never a value", async ({ page }, testInfo) => {
  const vault = new VaultRest(readEndpoints());
  const all = await vault.listSecrets();
  // Other specs add secrets to the shared vault; the demo seed's are the ones written at the stack's first start.
  const firstWrite = Math.min(...all.map((s) => s.attributes.created));
  const seeded = all.filter((s) => s.attributes.created <= firstWrite + 30);
  expect(seeded.length, "the demo seed has secrets").toBeGreaterThan(0);

  const ui = new SecretsPage(page);
  await ui.goto();
  // Every page together lists exactly the vault's secrets.
  await expect.poll(async () => (await ui.collectPages()).flat().sort()).toEqual(all.map(secretName).sort());
  // Each seeded secret is then looked at by searching its name.
  const find = async (s: SecretItem) => {
    await ui.search(secretName(s));
    return ui.row(secretName(s));
  };

  const disabled = seeded.filter((s) => !s.attributes.enabled);
  expect(disabled.length, "the seed has a disabled secret").toBeGreaterThan(0);
  for (const s of disabled) {
    await expect((await find(s)).getByTestId("kv-secret-enabled")).toHaveText(/Disabled/);
  }
  const now = Date.now() / 1000;
  const expiring = seeded.filter((s) => s.attributes.exp !== undefined && s.attributes.exp > now && s.attributes.exp - now < WEEK_S);
  expect(expiring.length, "the seed has a secret expiring within 7 days").toBeGreaterThan(0);
  for (const s of expiring) {
    const cell = (await find(s)).getByTestId("kv-secret-expiry");
    await expect(cell).toHaveAttribute("data-expiry-state", "soon");
    await expect(cell).toContainText(/Expires in \d+ days?/);
  }
  for (const s of seeded.filter((x) => x.attributes.enabled && x.attributes.exp === undefined)) {
    await expect((await find(s)).getByTestId("kv-secret-expiry")).toHaveText("Never");
  }
  const tagged = seeded.filter((s) => s.tags && Object.keys(s.tags).length > 0);
  expect(tagged.length, "the seed tags some secrets (emulators/key-vault/seed.ts)").toBeGreaterThan(0);
  for (const s of tagged) {
    const entries = Object.entries(s.tags!).sort(([a], [b]) => a.localeCompare(b));
    const cell = (await find(s)).getByTestId("kv-secret-tags");
    // The first tags as chips; every tag in the accessible name (the rest sit behind "+N more").
    await expect(cell).toContainText(`${entries[0]![0]}: ${entries[0]![1]}`);
    await expect(cell).toHaveAttribute("aria-label", `Tags: ${entries.map(([k, v]) => `${k}: ${v}`).join(", ")}`);
  }
  await snap(page, testInfo, "key-vault-secrets-seeded");
  await expectAccessible(page, testInfo);
});

test("pages through and searches a vault with 300 more secrets", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const vault = new VaultRest(readEndpoints());
  const seededCount = (await vault.listSecrets()).length;
  const marker = `do-not-show-${randomUUID()}`;
  for (let start = 0; start < BULK; start += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, BULK - start) }, (_, j) =>
        vault.setSecret(bulkName(start + j), `${marker}-${start + j}`, { contentType: "text/plain", tags: { purpose: "e2e" } }),
      ),
    );
  }
  const total = seededCount + BULK;
  // The portal's name index learns of writes made outside the portal on its next refresh.
  await expect
    .poll(async () => (await (await request.get("/api/key-vault/secrets")).json()).index, { timeout: 60_000 })
    .toEqual({ state: "ready", count: total });

  const ui = new SecretsPage(page);
  await ui.goto();
  await expect(page.getByTestId("kv-index-status")).toHaveText(`${total} secrets in the vault`);
  const pages = await ui.collectPages();
  expect(pages.map((p) => p.length)).toEqual(expectedPageSizes(total));
  const all = pages.flat();
  expect(new Set(all).size, "no secret is listed twice").toBe(total);
  for (let i = 0; i < BULK; i++) expect(all).toContain(bulkName(i));
  await expect(page.getByTestId("kv-secrets-range")).toHaveText(`Page ${pages.length} · secrets ${total - pages.at(-1)!.length + 1}–${total}`);
  expect(await page.content(), "a secret value is never rendered").not.toContain(marker);
  await snap(page, testInfo, "key-vault-secrets-last-page");

  // Previous, the browser's Back button and a reload all land on the right page.
  await ui.goPrevious();
  expect(await ui.names()).toEqual(pages.at(-2));
  await page.goBack();
  await ui.settled();
  expect(await ui.names()).toEqual(pages.at(-1));
  await page.goBack();
  await ui.settled();
  expect(await ui.names()).toEqual(pages.at(-2));
  await page.reload();
  await ui.settled();
  expect(await ui.names()).toEqual(pages.at(-2));

  // Search by name: case-insensitive substring, answered from the index, paged the same way.
  await ui.search("BULK-01");
  expect((await ui.names()).sort()).toEqual(Array.from({ length: 10 }, (_, i) => bulkName(10 + i)));
  await expect(ui.next()).toBeDisabled();
  await snap(page, testInfo, "key-vault-secrets-search");
  await page.reload();
  await ui.settled();
  await expect(page.getByRole("searchbox", { name: "Search by name" })).toHaveValue("BULK-01");
  expect(await ui.names()).toHaveLength(10);

  await ui.search("e2e-bulk");
  const found = (await ui.collectPages()).flat();
  expect(found.sort()).toEqual(Array.from({ length: BULK }, (_, i) => bulkName(i)));

  await ui.search("no-such-secret-anywhere");
  await expect(page.getByTestId("kv-secrets-empty")).toContainText("No secret names contain");
  await expect(ui.next()).toBeDisabled();
  await expectAccessible(page, testInfo);
});

function expectedPageSizes(total: number): number[] {
  const sizes = Array.from({ length: Math.floor(total / 25) }, () => 25);
  if (total % 25) sizes.push(total % 25);
  return sizes;
}

test("shows the problem's detail when listing fails, and Retry recovers", async ({ page, consoleErrors }, testInfo) => {
  // The failure is staged in the browser: once the name index is ready the server answers from memory, so a
  // vault fault can no longer reach this page. The body is the route wrapper's problem+json shape.
  let failing = true;
  await page.route("**/api/key-vault/secrets**", (route) =>
    failing
      ? route.fulfill({
          status: 503,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "/problems/upstream", title: "Key Vault unavailable", status: 503, instance: "/api/key-vault/secrets",
            detail: "Key Vault answered 503 (ServiceUnavailable). Try again in a moment.", requestId: "e2e-request-1",
          }),
        })
      : route.continue(),
  );
  await page.goto("/secrets/key-vault");
  const error = page.getByTestId("kv-secrets-error");
  await expect(error).toContainText("Key Vault answered 503 (ServiceUnavailable)");
  await expect(error).toContainText("e2e-request-1");
  await expect(page.getByRole("alert").filter({ hasText: "Could not list the Key Vault secrets" })).toBeVisible();
  await snap(page, testInfo, "key-vault-secrets-error");

  failing = false;
  await page.getByTestId("kv-secrets-retry").click();
  await expect(page.getByTestId("kv-secret-row").first()).toBeVisible();
  await expect(error).toHaveCount(0);
  // Chromium logs each failed fetch as a console error; those are this test's own doing.
  expect(consoleErrors.length).toBeGreaterThan(0);
  expect(consoleErrors.filter((e) => !e.includes("status of 503"))).toEqual([]);
  consoleErrors.length = 0;
});
