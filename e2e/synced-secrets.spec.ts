import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { createSecretSync, kubectl } from "./support/kubectl";

// The tests share the seeded cluster: run them one after another.
test.describe.configure({ mode: "serial" });

const row = (page: Page, name: string) => page.locator(`[data-testid="synced-secret-row"][data-secret-name="${name}"]`);
const seededSpc = () => kubectl(["get", "secretsync", "kafka-sasl", "-o", "jsonpath={.spec.secretProviderClassName}"]).trim();

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

test("an operator deletes an unused synced secret: confirmation, then the row is gone", async ({ page, request }, testInfo) => {
  const name = `e2e-unused-${randomUUID().slice(0, 8)}`;
  createSecretSync(name, { secretProviderClassName: seededSpc(), managedByPortal: true });
  await page.goto("/secrets");
  await row(page, name).getByTestId("synced-secret-delete").click();
  const dialog = page.getByRole("dialog", { name: `Delete synced secret ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("stay in Key Vault");
  await snap(page, testInfo, "synced-secrets-delete-dialog");
  await expectAccessible(page, testInfo);
  await dialog.getByTestId("synced-secret-delete-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name)).toHaveCount(0);
  expect(kubectl(["get", "secretsync", "--ignore-not-found", name]).trim()).toBe("");
  // The Activity page has it, as the operator's.
  const activity = await (await request.get("/api/activity?action=synced-secret.delete")).json();
  expect(activity.items).toContainEqual(expect.objectContaining({ resources: [`secretsyncs/${name}`], outcome: "succeeded",
    actor: expect.objectContaining({ kind: "user" }) }));
});

test("deleting a synced secret a device uses is refused, naming the device", async ({ page, consoleErrors }, testInfo) => {
  await page.goto("/secrets");
  await row(page, "opcua-packaging").getByTestId("synced-secret-delete").click();
  const dialog = page.getByRole("dialog", { name: "Delete synced secret opcua-packaging?" });
  await dialog.getByTestId("synced-secret-delete-confirm").click();
  await expect(dialog.getByTestId("synced-secret-delete-error")).toContainText("packaging-line-2");
  await snap(page, testInfo, "synced-secrets-delete-in-use");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, "opcua-packaging")).toBeVisible();
  // The refused DELETE is the one expected console entry (Chromium logs every 4xx fetch).
  expect(consoleErrors.filter((e) => !e.includes("status of 409"))).toEqual([]);
  consoleErrors.length = 0;
});

test("a SecretSync another tool created has no Delete, and the API refuses to delete it", async ({ page, request }) => {
  const name = `e2e-foreign-${randomUUID().slice(0, 8)}`;
  createSecretSync(name, { secretProviderClassName: seededSpc(), managedByPortal: false });
  try {
    await page.goto("/secrets");
    await expect(row(page, name)).toContainText("Not created by the portal");
    await expect(row(page, name).getByTestId("synced-secret-delete")).toHaveCount(0);
    const res = await request.delete(`/api/synced-secrets/${name}`);
    expect(res.status()).toBe(403);
    expect((await res.json()).detail).toContain("not created by the portal");
  } finally {
    kubectl(["delete", "secretsync", name, "--ignore-not-found"]);
  }
});

test("the delete API validates the name and answers 404 for a missing one", async ({ request }) => {
  expect((await request.delete("/api/synced-secrets/Not_A_Name")).status()).toBe(400);
  expect((await request.delete(`/api/synced-secrets/e2e-missing-${randomUUID().slice(0, 8)}`)).status()).toBe(404);
});

test.describe("as a reader", () => {
  test.use({ signedInAs: "reader" });
  test("the list is readable, without Delete buttons", async ({ page }) => {
    await page.goto("/secrets");
    await expect(row(page, "kafka-sasl")).toBeVisible();
    await expect(page.getByTestId("synced-secret-delete")).toHaveCount(0);
  });
});
