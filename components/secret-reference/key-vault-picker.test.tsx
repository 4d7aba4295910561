import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listKeyVaultSecrets } from "@/lib/api/key-vault-secrets";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { installDialogPolyfill } from "./testing/dialog-polyfill";
import { FieldHarness, testQueryClient } from "./testing/field-harness";

vi.mock("@/lib/api/key-vault-availability", () => ({ getSecretNameAvailability: vi.fn() }));
vi.mock("@/lib/api/key-vault-secrets", () => ({ listKeyVaultSecrets: vi.fn() }));

const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const secret = (name: string, over: Partial<KeyVaultSecretSummary> = {}): KeyVaultSecretSummary => ({
  name, contentType: "password", enabled: true, createdOn: days(-30), updatedOn: days(-2), expiresOn: null, notBefore: null, tags: {}, ...over,
});

const PAGE_1 = [
  secret("opc-password", { expiresOn: days(90) }),
  secret("opc-old", { enabled: false }),
  secret("opc-expired", { expiresOn: days(-1) }),
  secret("opc-later", { notBefore: days(3) }),
];

// Debounces (name, search, PEM) plus WebCrypto on two shared cores: give async queries room.
configure({ asyncUtilTimeout: 4000 });
beforeAll(installDialogPolyfill);
beforeEach(() => {
  vi.mocked(listKeyVaultSecrets).mockReset().mockImplementation(async (f) => f.cursor === ""
    ? { items: PAGE_1, nextCursor: "page-2", index: { state: "ready", count: 5 } }
    : { items: [secret("opc-user", { contentType: "text/plain" })], nextCursor: null, index: { state: "ready", count: 5 } });
});
afterEach(cleanup);

const row = (name: string) => screen.getAllByTestId("kv-picker-row").find((r) => r.dataset.secretName === name)!;
const describedText = (el: HTMLElement) =>
  (el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent).join(" ");

async function openPicker(onChange = vi.fn(), client = testQueryClient()) {
  const user = userEvent.setup();
  render(<FieldHarness client={client} onChange={onChange} />);
  await user.click(screen.getByRole("button", { name: "Add reference for Password" }));
  const dialog = screen.getByRole("dialog", { name: "Add reference: Password" });
  await user.click(within(dialog).getByRole("radio", { name: "Add from Azure Key Vault" }));
  await screen.findAllByTestId("kv-picker-row");
  return { user, dialog, onChange, client };
}

describe("Add from Azure Key Vault", () => {
  it("lists name, content type, status, updated and expiry, and says only the latest version is used", async () => {
    const { dialog } = await openPicker();
    expect(within(dialog).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Choose", "Name", "Content type", "Status", "Updated", "Expires"]);
    expect(within(row("opc-password")).getByText("password")).toBeTruthy();
    expect(within(row("opc-old")).getByTestId("kv-secret-enabled").textContent).toBe("Disabled");
    expect(dialog.textContent).toContain("Only the latest version of the secret is used.");
  });

  it("shows disabled, expired and not-yet-active secrets but does not let them be chosen, saying why", async () => {
    await openPicker();
    const reasons = {
      "opc-old": "disabled in Key Vault",
      "opc-expired": "expired on",
      "opc-later": "not active until",
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const radio = within(row(name)).getByRole("radio", { name }) as HTMLInputElement;
      expect(radio.disabled).toBe(true);
      expect(describedText(radio)).toContain(`Cannot be chosen: ${reason}`);
      expect(row(name).dataset.pickable).toBe("false");
    }
    expect((within(row("opc-password")).getByRole("radio", { name: "opc-password" }) as HTMLInputElement).disabled).toBe(false);
  });

  it("adds the chosen secret as an existing reference, shown as a chip from Key Vault", async () => {
    const { user, dialog, onChange } = await openPicker();
    const add = within(dialog).getByRole("button", { name: "Add" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    await user.click(within(row("opc-password")).getByRole("radio", { name: "opc-password" }));
    expect(within(dialog).getByTestId("kv-picker-selected").textContent).toBe("Chosen: opc-password");
    await user.click(add);
    expect(onChange).toHaveBeenCalledWith({ source: "existing", keyVaultSecretName: "opc-password" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const chip = screen.getByTestId("secret-field-chip");
    expect(chip.textContent).toContain("opc-password");
    expect(chip.textContent).toContain("From Key Vault");
  });

  it("searches and pages through the list; query keys hold the search, cursor and page size only", async () => {
    const { user, dialog, client } = await openPicker();
    await user.type(within(dialog).getByRole("searchbox", { name: "Search by name" }), "opc");
    await waitFor(() => expect(listKeyVaultSecrets).toHaveBeenLastCalledWith({ search: "opc", cursor: "", pageSize: 10 }, expect.anything()));
    await user.click(await within(dialog).findByRole("button", { name: "Next →" }));
    await waitFor(() => expect(row("opc-user")).toBeTruthy());
    expect(listKeyVaultSecrets).toHaveBeenLastCalledWith({ search: "opc", cursor: "page-2", pageSize: 10 }, expect.anything());
    await user.click(within(dialog).getByRole("button", { name: "← Previous" }));
    await waitFor(() => expect(row("opc-password")).toBeTruthy());
    const keys = client.getQueryCache().getAll().map((q) => q.queryKey);
    expect(keys).toContainEqual(["key-vault-secrets", "list", { search: "opc", cursor: "page-2", pageSize: 10 }]);
  });
});
