import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page, Response } from "@playwright/test";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { certificateAndKey, unique } from "./support/device-bodies";
import { createNewSecret, fillDevice, pickFromKeyVault, reviewAndSave, secretField, endpoint } from "./support/device-form-page";
import { readEndpoints } from "./support/endpoints";
import { kubectl } from "./support/kubectl";
import { VaultRest } from "./support/vault-rest";

// One seeded cluster and vault for all; one journey at a time (one worker), each with its own names.

const vault = () => new VaultRest(readEndpoints());
const jsonpath = (kind: string, name: string, path: string) =>
  kubectl(["get", kind, name, "--ignore-not-found", "-o", `jsonpath={${path}}`]);
const secretData = (name: string, key: string) =>
  Buffer.from(jsonpath("secret", name, `.data.${key.replace(/\./g, "\\.")}`), "base64").toString("utf8");
const spcObjects = () => {
  const spc = jsonpath("secretsync", "kafka-sasl", ".spec.secretProviderClassName");
  return [...jsonpath("secretproviderclass", spc, ".spec.parameters.objects").matchAll(/objectName:\s*(\S+)/g)].map((m) => m[1]!);
};

async function expectSynced(page: Page) {
  const status = page.locator('[data-testid="device-endpoint-status"][data-endpoint="opc-ua"]');
  await expect(status).toHaveAttribute("data-sync-state", "synced", { timeout: 45_000 });
}

/** Everything the browser got from the API during the test, to look for a value in. */
function recordApiBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (r: Response) => {
    if (!new URL(r.url()).pathname.startsWith("/api/")) return;
    void r.text().then((t) => bodies.push(t), () => undefined);
  });
  return bodies;
}

test("username and password through Create new secret: saved, synced, and the values are nowhere but Key Vault and the Secret", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const name = `e2e-dev-${unique()}`;
  const sentinelUser = `sentinel-user-${unique()}`;
  const sentinelPass = `sentinel-pass-${unique()}`;
  const bodies = recordApiBodies(page);

  await page.goto("/devices/new");
  await fillDevice(page, { name, address: "opc.tcp://10.30.0.7:4840", method: "UsernamePassword" });
  await expect(endpoint(page).getByTestId("endpoint-synced-secret-name")).toHaveValue(`${name}-opc-ua`);
  await createNewSecret(page, secretField(page, "username"), `${name}-user`, sentinelUser);
  await createNewSecret(page, secretField(page, "password"), `${name}-pass`, sentinelPass);
  await snap(page, testInfo, "device-form-filled");

  const review = await reviewAndSave(page);
  await expect(review.getByTestId("review-vault-secrets")).toContainText(`${name}-user`);
  await expect(review.getByTestId("review-spc-added")).toContainText(`${name}-pass`);
  await expect(review.locator(`[data-testid="review-secret-sync"][data-name="${name}-opc-ua"]`)).toHaveAttribute("data-action", "create");
  await snap(page, testInfo, "device-review");
  await expectAccessible(page, testInfo);
  await review.getByTestId("device-review-save").click();

  await expect(page).toHaveURL(new RegExp(`/devices/${name}$`), { timeout: 20_000 });
  await expectSynced(page);
  await snap(page, testInfo, "device-saved-synced");

  // The cluster and the vault hold what the form said.
  expect(jsonpath("device", name, ".spec.endpoints.inbound.opc-ua.authentication.usernamePasswordCredentials.passwordSecretName"))
    .toBe(`${name}-opc-ua/password`);
  expect(jsonpath("secretsync", `${name}-opc-ua`, ".metadata.labels.app\\.kubernetes\\.io/managed-by")).toBe("ops-portal");
  expect(spcObjects()).toEqual(expect.arrayContaining([`${name}-user`, `${name}-pass`]));
  expect(secretData(`${name}-opc-ua`, "username")).toBe(sentinelUser);
  expect(secretData(`${name}-opc-ua`, "password")).toBe(sentinelPass);
  expect(await vault().secretValue(`${name}-pass`)).toBe(sentinelPass);

  // The list shows the row, synced.
  await page.goto("/devices");
  const row = page.locator(`[data-testid="device-row"][data-device="${name}"]`);
  await expect(row.getByTestId("device-sync-state")).toHaveAttribute("data-state", "synced");
  // At 1440 px every column fits beside the navigation: the table does not scroll sideways.
  expect(await page.getByRole("region", { name: "Inbound endpoints of all devices" }).evaluate((el) => el.scrollWidth - el.clientWidth))
    .toBeLessThanOrEqual(0);
  await snap(page, testInfo, "devices-list");

  // Sentinel: the typed values appear in no API answer, page, browser storage, cache, audit entry or log line.
  const caches = await page.evaluate(() => {
    const qc = (window as unknown as { __opsPortalQueryClient?: { getQueryCache(): { getAll(): unknown[] }; getMutationCache(): { getAll(): unknown[] } } }).__opsPortalQueryClient;
    if (!qc) return null;
    const plain = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === "function" ? undefined : v));
    const pick = (q: unknown) => {
      const o = q as { queryKey?: unknown; mutationId?: unknown; options?: { mutationKey?: unknown }; state?: unknown };
      return { key: o.queryKey ?? o.options?.mutationKey ?? o.mutationId, state: o.state };
    };
    return plain([qc.getQueryCache().getAll().map(pick), qc.getMutationCache().getAll().map(pick)]);
  });
  expect(caches, "the e2e build exposes the QueryClient").not.toBeNull();
  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const audit = await (await request.get("/api/activity")).text();
  const logFile = join(dirname(dirname(readEndpoints().caFile)), "portal.log");
  const logs = readFileSync(logFile, "utf8");
  const html = await page.content();
  for (const [where, text] of [["API responses", bodies.join("\n")], ["page HTML", html], ["browser storage", storage],
    ["TanStack caches", caches ?? ""], ["audit log", audit], ["portal log", logs]] as const) {
    expect(text.includes(sentinelUser) || text.includes(sentinelPass), `a value appears in ${where}`).toBe(false);
  }
  expect(bodies.length).toBeGreaterThan(3);
});

test("Add from Azure Key Vault: search, a disabled secret cannot be picked, an enabled one is", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const name = `e2e-pick-${unique()}`;
  await page.goto("/devices/new");
  await fillDevice(page, { name, address: "opc.tcp://10.30.0.8:4840", method: "UsernamePassword" });

  const field = secretField(page, "username");
  await field.getByTestId("secret-field-add").click();
  const dialog = page.getByRole("dialog", { name: /Add reference/ });
  await dialog.getByText("Add from Azure Key Vault", { exact: true }).click();
  await dialog.getByTestId("kv-picker-search").fill("legacy");
  const disabled = dialog.locator('[data-testid="kv-picker-row"][data-secret-name="legacy-historian-password"]');
  await expect(disabled).toHaveAttribute("data-pickable", "false");
  await expect(disabled.getByTestId("kv-picker-choose")).toBeDisabled();
  await expect(disabled.getByTestId("kv-picker-unpickable")).toContainText("disabled");
  await snap(page, testInfo, "key-vault-picker-disabled");
  await expectAccessible(page, testInfo);
  // Esc closes the dialog; in a search box that holds text, Chromium's first Esc clears the box (native behaviour).
  await dialog.getByTestId("kv-picker-search").fill("");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(field.getByTestId("secret-field-add")).toBeFocused();

  await pickFromKeyVault(page, field, "mqtt-broker-user", "mqtt-broker-username");
  await pickFromKeyVault(page, secretField(page, "password"), "mqtt-broker-pass", "mqtt-broker-password");
  const review = await reviewAndSave(page);
  await expect(review.getByTestId("review-vault-secrets")).not.toContainText("mqtt-broker");
  await review.getByTestId("device-review-save").click();
  await expect(page).toHaveURL(new RegExp(`/devices/${name}$`), { timeout: 20_000 });
  await expectSynced(page);
  expect(secretData(`${name}-opc-ua`, "username")).toBe(await vault().secretValue("mqtt-broker-username"));
});

test("Certificate from uploaded PEM files: stored as given and synced", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const name = `e2e-cert-${unique()}`;
  const pair = await certificateAndKey(`${name}.contoso.example`);
  await page.goto("/devices/new");
  await fillDevice(page, { name, address: "opc.tcp://10.30.0.9:4840", method: "Certificate" });
  await createNewSecret(page, secretField(page, "certificate"), `${name}-cert`, { file: "client.pem", buffer: Buffer.from(pair.certificate) });
  await createNewSecret(page, secretField(page, "key"), `${name}-key`, { file: "client.key", buffer: Buffer.from(pair.key) });
  await snap(page, testInfo, "device-certificate-form");
  const review = await reviewAndSave(page);
  await review.getByTestId("device-review-save").click();
  await expect(page).toHaveURL(new RegExp(`/devices/${name}$`), { timeout: 20_000 });
  await expectSynced(page);
  expect(jsonpath("device", name, ".spec.endpoints.inbound.opc-ua.authentication.x509Credentials.keySecretName")).toBe(`${name}-opc-ua/key`);
  expect(await vault().secretValue(`${name}-cert`)).toBe(pair.certificate);
  expect(secretData(`${name}-opc-ua`, "certificate")).toBe(pair.certificate);
  expect(secretData(`${name}-opc-ua`, "key")).toBe(pair.key);
});

test("dropping a reference removes its key, then its unused SPC object after the grace period; shared objects and the vault stay", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const name = `e2e-drop-${unique()}`;
  const trust = await certificateAndKey(`${name}-trust`);
  await page.goto("/devices/new");
  await fillDevice(page, { name, address: "opc.tcp://10.30.0.10:4840", method: "UsernamePassword" });
  // The username is kafka-sasl's own vault secret: one SPC object shared by two SecretSyncs.
  await pickFromKeyVault(page, secretField(page, "username"), "kafka-sasl-user", "kafka-sasl-username");
  await createNewSecret(page, secretField(page, "password"), `${name}-pass`, `p-${unique()}`);
  await createNewSecret(page, secretField(page, "trustList"), `${name}-trust`, { file: "trust.pem", buffer: Buffer.from(trust.certificate) });
  await (await reviewAndSave(page)).getByTestId("device-review-save").click();
  await expect(page).toHaveURL(new RegExp(`/devices/${name}$`), { timeout: 20_000 });
  await expectSynced(page);
  expect(jsonpath("secretsync", `${name}-opc-ua`, ".spec.secretObject.data[*].targetKey").split(" ").sort()).toEqual(["password", "trustList", "username"]);

  // Edit: remove the trust list.
  await page.reload();
  await secretField(page, "trustList").getByTestId("secret-field-remove").click();
  await (await reviewAndSave(page)).getByTestId("device-review-save").click();
  await expect.poll(() => jsonpath("secretsync", `${name}-opc-ua`, ".spec.secretObject.data[*].targetKey").split(" ").sort(), { timeout: 20_000 })
    .toEqual(["password", "username"]);
  // Still within the grace period: a save in flight elsewhere may be about to map it.
  expect(spcObjects()).toContain(`${name}-trust`);

  // After the grace period (5 s in tests) the next save cleans it up.
  await page.waitForTimeout(6_000);
  await page.reload();
  await page.getByTestId("device-model").fill("PLC-10");
  await (await reviewAndSave(page)).getByTestId("device-review-save").click();
  await expect.poll(() => spcObjects(), { timeout: 20_000 }).not.toContain(`${name}-trust`);
  expect(spcObjects()).toContain("kafka-sasl-username");
  await expectSynced(page);
  expect(jsonpath("secretsync", "kafka-sasl", ".status.conditions[?(@.status==\"False\")].type")).toBe("");
  expect(secretData("kafka-sasl", "username")).toBe(await vault().secretValue("kafka-sasl-username"));
  // Key Vault is never touched by a removal.
  expect(await vault().secretValue(`${name}-trust`)).toBe(trust.certificate);
  await snap(page, testInfo, "device-reference-dropped");
});

test.describe("as a reader", () => {
  test.use({ signedInAs: "reader" });
  test("sees devices and a device read-only, with no write controls", async ({ page }, testInfo) => {
    await page.goto("/devices");
    await expect(page.locator('[data-testid="device-row"][data-device="packaging-line-2"]')).toBeVisible();
    await expect(page.getByTestId("device-create")).toHaveCount(0);
    await expect(page.getByTestId("device-edit")).toHaveCount(0);
    await snap(page, testInfo, "devices-reader");
    await page.goto("/devices/packaging-line-2");
    await expect(page.getByTestId("device-form-read-only")).toBeVisible();
    await expect(page.getByTestId("device-save")).toHaveCount(0);
    await expect(page.getByTestId("device-review")).toHaveCount(0);
    await expect(page.getByTestId("device-delete")).toHaveCount(0);
    // Secret fields stay visible (what the endpoint uses) but cannot be changed.
    const controls = page.locator('[data-testid="secret-field-add"], [data-testid="secret-field-replace"], [data-testid="secret-field-remove"]');
    for (let i = 0; i < (await controls.count()); i++) await expect(controls.nth(i)).toBeDisabled();
  });
});
