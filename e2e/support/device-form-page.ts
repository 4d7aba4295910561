import { expect, type Locator, type Page } from "@playwright/test";

/** Drives the device form as an operator does: fields, the Add reference dialog, review and save. */

export const endpoint = (page: Page, index = 0) => page.locator(`[data-testid="endpoint-fields"][data-index="${index}"]`);

export const secretField = (page: Page, field: string, index = 0) =>
  endpoint(page, index).locator(`[data-testid="device-secret-field"][data-field="${field}"]`);

export async function fillDevice(page: Page, o: { name: string; address: string; method: "Anonymous" | "UsernamePassword" | "Certificate" }) {
  await page.getByTestId("device-name").fill(o.name);
  await page.getByTestId("device-manufacturer").fill("Contoso");
  await page.getByTestId("device-model").fill("PLC-9");
  const e = endpoint(page);
  await e.getByTestId("endpoint-name").fill("opc-ua");
  await e.getByTestId("endpoint-type").selectOption("Microsoft.OpcUa");
  await e.getByTestId("endpoint-address").fill(o.address);
  await e.getByTestId(`endpoint-auth-${o.method}`).check({ force: true });
}

async function openDialog(page: Page, field: Locator): Promise<Locator> {
  const chip = field.getByTestId("secret-field-replace");
  await ((await chip.count()) > 0 ? chip : field.getByTestId("secret-field-add")).click();
  const dialog = page.getByRole("dialog", { name: /Add reference/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** *Create new secret*: name and a typed value, or an uploaded file. */
export async function createNewSecret(page: Page, field: Locator, name: string, value: string | { file: string; buffer: Buffer }) {
  const dialog = await openDialog(page, field);
  await dialog.getByText("Create new secret", { exact: true }).click();
  await dialog.getByTestId("new-secret-name").fill(name);
  if (typeof value === "string") await dialog.getByTestId("secret-value").fill(value);
  else await dialog.getByTestId("secret-value-file").setInputFiles({ name: value.file, mimeType: "application/x-pem-file", buffer: value.buffer });
  const add = dialog.getByTestId("create-new-secret").getByTestId("add-reference-add");
  await expect(add).toBeEnabled({ timeout: 15_000 });
  await add.click();
  await expect(dialog).toBeHidden();
  await expect(field.getByTestId("secret-field-chip-name")).toHaveText(name);
}

/** *Add from Azure Key Vault*: search, then choose a row. */
export async function pickFromKeyVault(page: Page, field: Locator, search: string, name: string) {
  const dialog = await openDialog(page, field);
  await dialog.getByText("Add from Azure Key Vault", { exact: true }).click();
  await dialog.getByTestId("kv-picker-search").fill(search);
  const row = dialog.locator(`[data-testid="kv-picker-row"][data-secret-name="${name}"]`);
  await row.getByTestId("kv-picker-choose").check();
  await dialog.getByTestId("key-vault-picker").getByTestId("add-reference-add").click();
  await expect(dialog).toBeHidden();
  await expect(field.getByTestId("secret-field-chip-name")).toHaveText(name);
}

/** Review (the dry run), then Save from the review dialog. */
export async function reviewAndSave(page: Page): Promise<Locator> {
  await page.getByTestId("device-review").click();
  const review = page.getByTestId("device-review-dialog");
  await expect(review.getByTestId("device-review-plan")).toBeVisible({ timeout: 20_000 });
  return review;
}
