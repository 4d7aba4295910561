import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getSecretNameAvailability } from "@/lib/api/key-vault-availability";
import { encryptedPkcs8Pem, rsaPair, type Pair } from "@/lib/pem/testing/pem-fixtures";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { installDialogPolyfill } from "./testing/dialog-polyfill";
import { FieldHarness, testQueryClient } from "./testing/field-harness";

vi.mock("@/lib/api/key-vault-availability", () => ({ getSecretNameAvailability: vi.fn() }));
vi.mock("@/lib/api/key-vault-secrets", () => ({ listKeyVaultSecrets: vi.fn() }));

let pair: Pair;
let other: Pair;
let expired: Pair;
// Debounces (name, search, PEM) plus WebCrypto on two shared cores: give async queries room.
configure({ asyncUtilTimeout: 4000 });
beforeAll(async () => {
  installDialogPolyfill();
  [pair, other, expired] = await Promise.all([
    rsaPair({ subject: "CN=line-2 client, O=Contoso" }),
    rsaPair(),
    rsaPair({ notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) }),
  ]);
});
beforeEach(() => {
  vi.mocked(getSecretNameAvailability).mockReset().mockImplementation(async (name) => ({ name, state: "available", message: null }));
});
afterEach(cleanup);

async function open(label: string, props: Omit<Parameters<typeof FieldHarness>[0], "client"> = {}) {
  const user = userEvent.setup();
  const onChange = vi.fn();
  render(<FieldHarness client={testQueryClient()} label={label} onChange={onChange} {...props} />);
  await user.click(screen.getByRole("button", { name: `Add reference for ${label}` }));
  const dialog = screen.getByRole("dialog", { name: `Add reference: ${label}` });
  await user.type(within(dialog).getByLabelText("Secret name"), "line-2-cert");
  await waitFor(() => expect(within(dialog).getByTestId("new-secret-name-status").dataset.state).toBe("available"));
  return { user, dialog, onChange, value: within(dialog).getByLabelText("Secret value") };
}

const addButton = (dialog: HTMLElement) => within(dialog).getByRole("button", { name: "Add" }) as HTMLButtonElement;

describe("Create new secret for certificate fields", () => {
  it("reads a pasted certificate (subject, expiry), suggests the PEM content type and stores the text as given", async () => {
    const { user, dialog, value, onChange } = await open("Certificate", { certificateRole: "certificate" });
    expect((within(dialog).getByLabelText("Content type (optional)") as HTMLInputElement).value).toBe("application/x-pem-file");
    const text = `subject=CN = line-2 client\n${pair.certPem}`;
    await user.click(value);
    await user.paste(text);
    const certificate = await within(dialog).findByTestId("pem-check-certificate");
    expect(certificate.textContent).toContain("CN=line-2 client, O=Contoso");
    expect(certificate.textContent).toContain("expires");
    await waitFor(() => expect(addButton(dialog).disabled).toBe(false));
    await user.click(addButton(dialog));
    expect(onChange).toHaveBeenCalledWith({ source: "new", keyVaultSecretName: "line-2-cert", value: text, contentType: "application/x-pem-file" });
  });

  it("shows an expired certificate as expired without refusing it", async () => {
    const { user, dialog, value } = await open("Certificate", { certificateRole: "certificate" });
    await user.click(value);
    await user.paste(expired.certPem);
    expect((await within(dialog).findByTestId("pem-check-certificate")).textContent).toContain("Expired");
    await waitFor(() => expect(addButton(dialog).disabled).toBe(false));
  });

  it("refuses a DER upload with the openssl command that converts it, and empties the value", async () => {
    const { user, dialog, value } = await open("Certificate", { certificateRole: "certificate" });
    await user.upload(within(dialog).getByTestId("secret-value-file"), new File([pair.certDer], "cert.der"));
    const alert = await within(dialog).findByTestId("pem-problem");
    expect(alert.textContent).toContain("This is a DER certificate");
    expect(within(alert).getByText("openssl x509 -inform der -in cert.der -out cert.pem")).toBeTruthy();
    expect((value as HTMLTextAreaElement).value).toBe("");
    expect(addButton(dialog).disabled).toBe(true);
  });

  it("reads an uploaded PEM file exactly, line ends included", async () => {
    const { user, dialog, onChange } = await open("Certificate", { certificateRole: "certificate" });
    const text = pair.certPem.replace(/\n/g, "\r\n");
    await user.upload(within(dialog).getByTestId("secret-value-file"), new File([text], "cert.pem"));
    await waitFor(() => expect(addButton(dialog).disabled).toBe(false));
    expect(within(dialog).getByTestId("secret-value-uploaded").textContent).toBe("Value read from cert.pem.");
    await user.click(addButton(dialog));
    expect(onChange.mock.calls[0]?.[0].value).toBe(text);
  });

  it("refuses a password-protected key", async () => {
    const { user, dialog, value } = await open("Private key", { certificateRole: "key" });
    await user.click(value);
    await user.paste(encryptedPkcs8Pem(pair.privateKey));
    const alert = await within(dialog).findByTestId("pem-problem");
    expect(alert.dataset.code).toBe("encrypted");
    await waitFor(() => expect(within(dialog).getByTestId("add-reference-blocker").textContent).toBe("Fix the PEM problem shown under the value"));
  });

  it("checks a key against the certificate chosen as new in the same endpoint", async () => {
    const certificate: SecretReference = { source: "new", keyVaultSecretName: "line-2-client-cert", value: pair.certPem };
    const { user, dialog, value } = await open("Private key", { certificateRole: "key", counterpart: certificate });
    await user.click(value);
    await user.paste(other.keyPem);
    expect((await within(dialog).findByTestId("pem-problem")).dataset.code).toBe("mismatch");
    expect(addButton(dialog).disabled).toBe(true);

    await user.clear(value);
    await user.click(value);
    await user.paste(pair.keyPem);
    expect((await within(dialog).findByTestId("pem-check-matched")).textContent).toBe("The key belongs to the certificate.");
    await waitFor(() => expect(addButton(dialog).disabled).toBe(false));
  });

  it("warns, without refusing, when a new certificate does not fit the endpoint's new key (the pair may be replaced next)", async () => {
    const key: SecretReference = { source: "new", keyVaultSecretName: "line-2-client-key", value: other.keyPem };
    const { user, dialog, value } = await open("Certificate", { certificateRole: "certificate", counterpart: key });
    await user.click(value);
    await user.paste(pair.certPem);
    expect((await within(dialog).findByTestId("pem-check-pair-warning")).textContent).toContain("replace the private key next");
    await waitFor(() => expect(addButton(dialog).disabled).toBe(false));
  });
});
