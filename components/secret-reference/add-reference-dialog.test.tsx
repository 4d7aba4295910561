import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getSecretNameAvailability } from "@/lib/api/key-vault-availability";
import { listKeyVaultSecrets } from "@/lib/api/key-vault-secrets";
import { installDialogPolyfill } from "./testing/dialog-polyfill";
import { FieldHarness, testQueryClient } from "./testing/field-harness";

vi.mock("@/lib/api/key-vault-availability", () => ({ getSecretNameAvailability: vi.fn() }));
vi.mock("@/lib/api/key-vault-secrets", () => ({ listKeyVaultSecrets: vi.fn() }));

// Debounces (name, search, PEM) plus WebCrypto on two shared cores: give async queries room.
configure({ asyncUtilTimeout: 4000 });
beforeAll(installDialogPolyfill);
beforeEach(() => {
  vi.mocked(getSecretNameAvailability).mockReset().mockImplementation(async (name) => ({
    name, state: name === "taken" ? "exists" : name === "gone" ? "deleted" : "available", message: null,
  }));
  vi.mocked(listKeyVaultSecrets).mockReset().mockResolvedValue({ items: [], nextCursor: null, index: { state: "ready", count: 0 } });
});
afterEach(cleanup);

async function openDialog(props: Parameters<typeof FieldHarness>[0] = { client: testQueryClient() }) {
  const user = userEvent.setup();
  render(<FieldHarness {...props} />);
  await user.click(screen.getByRole("button", { name: "Add reference for Password" }));
  return { user, dialog: screen.getByRole("dialog", { name: "Add reference: Password" }) };
}

describe("Add reference dialog", () => {
  it("opens as a modal labelled with the field, offering both ways in", async () => {
    const { dialog } = await openDialog();
    expect(dialog.hasAttribute("open")).toBe(true);
    expect((within(dialog).getByRole("radio", { name: "Create new secret" }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByRole("radio", { name: "Add from Azure Key Vault" })).toBeTruthy();
    // The vault is not listed until the operator goes there.
    expect(listKeyVaultSecrets).not.toHaveBeenCalled();
  });

  it("closes on Escape, dropping what was typed, and focus goes back to Add reference", async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText("Secret value"), "s3cr3t");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add reference for Password" }));
    expect(document.body.textContent).not.toContain("s3cr3t");
  });

  it("checks the name against Key Vault's rule as you type, and asks the vault once typing pauses", async () => {
    const { user, dialog } = await openDialog();
    const name = within(dialog).getByLabelText("Secret name");
    const status = within(dialog).getByTestId("new-secret-name-status");
    await user.type(name, "opc_password");
    expect(status.textContent).toBe("Use 1–127 letters, digits or dashes");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    await user.clear(name);
    expect(status.textContent).toBe("Enter a secret name");
    await user.type(name, "opc-password");
    await waitFor(() => expect(status.textContent).toBe("The name is free in Key Vault."));
    expect(getSecretNameAvailability).toHaveBeenCalledTimes(1);
    expect(vi.mocked(getSecretNameAvailability).mock.calls[0]?.[0]).toBe("opc-password");
  });

  it("refuses a name that exists, pointing to Add from Azure Key Vault with the name searched", async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText("Secret name"), "taken");
    await user.type(within(dialog).getByLabelText("Secret value"), "s3cr3t");
    const status = within(dialog).getByTestId("new-secret-name-status");
    await waitFor(() => expect(status.textContent).toContain("Key Vault already has a secret named 'taken'"));
    expect((within(dialog).getByRole("button", { name: "Add" }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(status).getByRole("button", { name: "Add from Azure Key Vault instead" }));
    expect((within(dialog).getByRole("radio", { name: "Add from Azure Key Vault" }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByRole("searchbox", { name: "Search by name" }) as HTMLInputElement).value).toBe("taken");
    await waitFor(() => expect(listKeyVaultSecrets).toHaveBeenCalledWith({ search: "taken", cursor: "", pageSize: 10 }, expect.anything()));
  });

  it("refuses a name held by a deleted, unpurged secret", async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText("Secret name"), "gone");
    await waitFor(() => expect(within(dialog).getByTestId("new-secret-name-status").textContent)
      .toContain("A deleted secret that has not been purged holds the name 'gone'"));
    expect(within(dialog).getByTestId("add-reference-blocker").textContent).toBe("Choose a name no deleted secret holds");
  });

  it("masks the value, shows its size against the 25 KB limit, and adds the new secret as a chip", async () => {
    const client = testQueryClient();
    const onChange = vi.fn();
    const { user, dialog } = await openDialog({ client, onChange });
    const add = within(dialog).getByRole("button", { name: "Add" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(within(dialog).getByTestId("add-reference-blocker").textContent).toBe("Enter a secret name");

    await user.type(within(dialog).getByLabelText("Secret name"), "opc-password");
    const value = within(dialog).getByLabelText("Secret value");
    expect(value.tagName).toBe("TEXTAREA");
    expect(value.dataset.masked).toBe("true");
    await user.type(value, "pässword");
    expect(within(dialog).getByTestId("secret-value-size").textContent).toContain("9 of 25,600 bytes");
    await user.click(within(dialog).getByRole("button", { name: "Show value" }));
    expect(value.dataset.masked).toBe("false");

    await waitFor(() => expect(add.disabled).toBe(false));
    await user.click(add);
    expect(onChange).toHaveBeenCalledWith({ source: "new", keyVaultSecretName: "opc-password", value: "pässword" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByTestId("secret-field-chip").textContent).toContain("New secret, created on save");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Replace Password" }));
    // The value went to the form value only: not to a request, a query key or the cache.
    const cached = JSON.stringify(client.getQueryCache().getAll().map((q) => [q.queryKey, q.state.data]));
    expect(cached).not.toContain("pässword");
    expect(JSON.stringify(vi.mocked(getSecretNameAvailability).mock.calls)).not.toContain("pässword");
  });

  it("refuses a value over Key Vault's limit", async () => {
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByLabelText("Secret name"), "big");
    await waitFor(() => expect(within(dialog).getByTestId("new-secret-name-status").dataset.state).toBe("available"));
    await user.click(within(dialog).getByLabelText("Secret value"));
    await user.paste("x".repeat(25 * 1024 + 1));
    expect(within(dialog).getByTestId("secret-value-size").textContent).toContain("25,601 of 25,600 bytes");
    expect(within(dialog).getByTestId("add-reference-blocker").textContent).toBe("The value is larger than Key Vault's 25 KB limit");
  });

  it("sends activation and expiration dates as ISO with offset, and refuses an expiration before activation", async () => {
    const onChange = vi.fn();
    const { user, dialog } = await openDialog({ client: testQueryClient(), onChange });
    await user.type(within(dialog).getByLabelText("Secret name"), "dated");
    await user.type(within(dialog).getByLabelText("Secret value"), "v");
    await waitFor(() => expect(within(dialog).getByTestId("new-secret-name-status").dataset.state).toBe("available"));
    await user.click(within(dialog).getByRole("switch", { name: "Set activation date" }));
    await user.click(within(dialog).getByRole("switch", { name: "Set expiration date" }));
    await user.type(within(dialog).getByLabelText("Activation date (your time zone)"), "2031-01-02T03:04");
    await user.type(within(dialog).getByLabelText("Expiration date (your time zone)"), "2030-01-01T00:00");
    expect(within(dialog).getByTestId("add-reference-blocker").textContent).toBe("Choose an expiration date after the activation date");

    const expiration = within(dialog).getByLabelText("Expiration date (your time zone)");
    await user.clear(expiration);
    await user.type(expiration, "2032-01-01T00:00");
    const add = within(dialog).getByRole("button", { name: "Add" }) as HTMLButtonElement;
    await waitFor(() => expect(add.disabled).toBe(false));
    await user.click(add);
    const reference = onChange.mock.calls[0]?.[0];
    expect(reference.notBefore).toMatch(/^2031-01-02T03:04:00[+-]\d{2}:\d{2}$/);
    expect(reference.expiresOn).toMatch(/^2032-01-01T00:00:00[+-]\d{2}:\d{2}$/);
    expect(new Date(reference.notBefore).getTime()).toBe(new Date(2031, 0, 2, 3, 4).getTime());
  });
});
