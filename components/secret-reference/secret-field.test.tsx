import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { installDialogPolyfill } from "./testing/dialog-polyfill";
import { FieldHarness, testQueryClient } from "./testing/field-harness";

vi.mock("@/lib/api/key-vault-availability", () => ({ getSecretNameAvailability: vi.fn() }));
vi.mock("@/lib/api/key-vault-secrets", () => ({ listKeyVaultSecrets: vi.fn() }));

// Debounces (name, search, PEM) plus WebCrypto on two shared cores: give async queries room.
configure({ asyncUtilTimeout: 4000 });
beforeAll(installDialogPolyfill);
afterEach(cleanup);

const describedText = (el: HTMLElement) =>
  (el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean).map((id) => document.getElementById(id)?.textContent).join(" ");

describe("SecretField", () => {
  it("offers Add reference, named after the field", () => {
    render(<FieldHarness client={testQueryClient()} required />);
    const group = screen.getByRole("group", { name: "Password (required)" });
    expect(within(group).getByRole("button", { name: "Add reference for Password" })).toBeTruthy();
  });

  it("disables Add reference and says why when references cannot be added", () => {
    render(<FieldHarness client={testQueryClient()} disabledReason="Secret sync is not enabled on this instance." />);
    const add = screen.getByRole("button", { name: "Add reference for Password" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(describedText(add)).toContain("Secret sync is not enabled on this instance.");
  });

  it("shows the form's validation message, linked to the field", () => {
    render(<FieldHarness client={testQueryClient()} error="Add a reference for the password" />);
    expect(describedText(screen.getByRole("group", { name: "Password" }))).toBe("Add a reference for the password");
    expect(describedText(screen.getByRole("button", { name: "Add reference for Password" }))).toBe("Add a reference for the password");
  });

  it("shows a new secret as a chip with Replace and Remove; Remove empties the field and focuses Add reference", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<FieldHarness client={testQueryClient()} onChange={onChange}
      initial={{ source: "new", keyVaultSecretName: "line-2-opc-password", value: "s3cr3t" }} />);
    const chip = screen.getByTestId("secret-field-chip");
    expect(within(chip).getByTestId("secret-field-chip-name").textContent).toBe("line-2-opc-password");
    expect(chip.textContent).toContain("New secret, created on save");
    expect(chip.textContent).not.toContain("s3cr3t");
    expect(screen.getByRole("button", { name: "Replace Password" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Remove Password" }));
    expect(onChange).toHaveBeenCalledWith(null);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add reference for Password" })));
  });

  it("shows an existing secret as from Key Vault; Replace opens the dialog on the Key Vault list", async () => {
    const user = userEvent.setup();
    const { listKeyVaultSecrets } = await import("@/lib/api/key-vault-secrets");
    vi.mocked(listKeyVaultSecrets).mockResolvedValue({ items: [], nextCursor: null, index: { state: "ready", count: 0 } });
    render(<FieldHarness client={testQueryClient()} initial={{ source: "existing", keyVaultSecretName: "mqtt-password" }} />);
    expect(screen.getByTestId("secret-field-chip").textContent).toContain("From Key Vault");
    await user.click(screen.getByRole("button", { name: "Replace Password" }));
    const dialog = screen.getByRole("dialog", { name: "Add reference: Password" });
    expect((within(dialog).getByRole("radio", { name: "Add from Azure Key Vault" }) as HTMLInputElement).checked).toBe(true);
  });

  it("keeps Replace and Remove disabled for a reader", () => {
    render(<FieldHarness client={testQueryClient()} disabledReason="Readers cannot change references."
      initial={{ source: "existing", keyVaultSecretName: "mqtt-password" }} />);
    expect((screen.getByRole("button", { name: "Replace Password" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Remove Password" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
