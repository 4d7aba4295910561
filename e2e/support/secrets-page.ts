import { expect, type Page } from "@playwright/test";

/** Reads the Key Vault secrets page the way an operator does: rows on screen, Next/Previous, the search box. */
export class SecretsPage {
  constructor(private readonly page: Page) {}

  rows() {
    return this.page.getByTestId("kv-secret-row");
  }

  row(name: string) {
    return this.page.locator(`[data-testid="kv-secret-row"][data-secret-name="${name}"]`);
  }

  async goto(query = "") {
    await this.page.goto(`/secrets/key-vault${query}`);
    await this.settled();
  }

  /** Waits until a page (or the empty state) is on screen and no previous page is shown greyed out. */
  async settled() {
    await expect(this.page.getByTestId("kv-secrets-loading")).toHaveCount(0);
    await expect(this.page.getByTestId("kv-secrets-table").or(this.page.getByTestId("kv-secrets-empty"))).toBeVisible();
    await expect(this.page.locator('[data-testid="kv-secrets-table"][aria-busy="true"]')).toHaveCount(0);
  }

  async names(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-secret-name") ?? ""));
  }

  next() {
    return this.page.getByTestId("kv-secrets-next");
  }

  previous() {
    return this.page.getByTestId("kv-secrets-previous");
  }

  /** Clicks Next and waits for a page whose rows differ from the current one. */
  async goNext() {
    const before = await this.names();
    await this.next().click();
    await expect.poll(() => this.names()).not.toEqual(before);
    await this.settled();
  }

  async goPrevious() {
    const before = await this.names();
    await this.previous().click();
    await expect.poll(() => this.names()).not.toEqual(before);
    await this.settled();
  }

  /** Every page from the current one on, following Next until it is disabled (bounded). */
  async collectPages(maxPages = 50): Promise<string[][]> {
    const pages = [await this.names()];
    for (let i = 0; i < maxPages && (await this.next().isEnabled()); i++) {
      await this.goNext();
      pages.push(await this.names());
    }
    return pages;
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search by name" }).fill(text);
    await expect(this.page).toHaveURL(new RegExp(`search=${encodeURIComponent(text)}`));
    await this.settled();
  }
}
