import { expect, expectAccessible, snap, test } from "./fixtures";

interface ApiRow { name: string; sync: { state: string } }

/** The sync controller works on its own clock: wait until both seeded synced secrets have a verdict. */
async function waitForSeededVerdicts(request: import("@playwright/test").APIRequestContext): Promise<void> {
  await expect.poll(async () => {
    const res = await request.get("/api/synced-secrets");
    expect(res.status()).toBe(200);
    const items = ((await res.json()) as { items: ApiRow[] }).items;
    return Object.fromEntries(items.filter((i) => ["kafka-sasl", "opcua-packaging"].includes(i.name)).map((i) => [i.name, i.sync.state]));
  }, { timeout: 60_000 }).toEqual({ "kafka-sasl": "synced", "opcua-packaging": "failed" });
}

test("lists the seeded synced secrets with their references, users and sync status", async ({ page, request }, testInfo) => {
  await waitForSeededVerdicts(request);
  await page.goto("/secrets");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Secrets");

  const kafka = page.locator('[data-testid="synced-secret-row"][data-secret-name="kafka-sasl"]');
  await expect(kafka.getByTestId("synced-secret-references")).toContainText("kafka-sasl-username → username");
  await expect(kafka.getByTestId("synced-secret-references")).toContainText("kafka-sasl-password → password");
  await expect(kafka.getByTestId("synced-secret-users")).toContainText("Data flow endpoint kafka-telemetry");
  await expect(kafka.getByTestId("synced-secret-status")).toHaveAttribute("data-state", "synced");
  await expect(kafka.getByTestId("synced-secret-status")).toContainText("Synced");
  await expect(kafka.getByTestId("synced-secret-type")).toContainText("Keys: password, username");

  const opcua = page.locator('[data-testid="synced-secret-row"][data-secret-name="opcua-packaging"]');
  await expect(opcua.getByTestId("synced-secret-users")).toContainText("Device packaging-line-2");
  await expect(opcua.getByTestId("synced-secret-users")).toContainText("username (key username)");
  await expect(opcua.getByTestId("synced-secret-status")).toHaveAttribute("data-state", "failed");
  await expect(opcua.getByTestId("synced-secret-status")).toContainText("Failed · ProviderError");
  await expect(opcua.getByTestId("synced-secret-status-message")).not.toBeEmpty();

  await expect(page.getByTestId("link-key-vault-secrets")).toHaveAttribute("href", "/secrets/key-vault");
  await snap(page, testInfo, "synced-secrets-seeded");
  await expectAccessible(page, testInfo);
});

test.describe("as a reader", () => {
  test.use({ signedInAs: "reader" });
  test("the list is readable with the reader role", async ({ page }) => {
    await page.goto("/secrets");
    await expect(page.locator('[data-testid="synced-secret-row"][data-secret-name="kafka-sasl"]')).toBeVisible();
  });
});
