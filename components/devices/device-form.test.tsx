import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ComponentProps } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import { saveFormsBeforeSignIn } from "@/lib/auth/preserve-form";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import { DeviceForm } from "./device-form";
import { blankDevice } from "./form-values";
import { testQueryClient, withQueryClient } from "./testing/test-support";

const api = vi.hoisted(() => ({ createDevice: vi.fn(), updateDevice: vi.fn() }));
vi.mock("@/lib/api/devices", () => api);

/** A stand-in for Add reference: Create puts a new secret (with a value) in the field, Pick an existing one. */
vi.mock("@/components/secret-reference/secret-field", () => ({
  SecretField: (p: {
    label: string; field: string; value: { source: string; keyVaultSecretName: string } | null;
    onChange: (v: unknown) => void; disabledReason?: string | null; error?: string;
  }) => (
    <div data-testid="secret-field" data-field={p.field} data-source={p.value?.source ?? "none"} data-disabled-reason={p.disabledReason ?? ""}>
      <span>{p.label}</span>
      <button type="button" onClick={() => p.onChange({ source: "new", keyVaultSecretName: `opc-${p.field}`, value: `${p.field}-hunter2-secret-value` })}>
        Create {p.label}
      </button>
      <button type="button" onClick={() => p.onChange({ source: "existing", keyVaultSecretName: `picked-${p.field}` })}>Pick {p.label}</button>
      {p.error ? <p data-testid="secret-field-error">{p.error}</p> : null}
    </div>
  ),
}));

afterEach(() => {
  cleanup();
  api.createDevice.mockReset();
  api.updateDevice.mockReset();
  window.sessionStorage.clear();
});

const RESULT: DeviceSaveResult = {
  dryRun: false,
  resourceVersion: "2",
  plan: {
    vaultSecretsToCreate: ["opc-username", "opc-password"],
    secretProviderClass: { name: "aio-akv-sp", objectsToAdd: ["opc-username", "opc-password"], objectsToRemove: [] },
    secretSyncs: [{ name: "line-1-opc", action: "create", keysAdded: ["password", "username"], keysRemoved: [], yaml: "kind: SecretSync\n" }],
    device: { name: "line-1", action: "create", yaml: "kind: Device\n" },
  },
};

type Props = ComponentProps<typeof DeviceForm>;

function renderForm(over: Partial<Props> = {}) {
  const client = testQueryClient();
  const onSaved = vi.fn();
  render(withQueryClient(client, (
    <DeviceForm mode="create" initial={blankDevice()} resourceVersion={null} secretFieldsDisabledReason={null}
      readOnly={false} onSaved={onSaved} {...over} />
  )));
  return { client, onSaved, user: userEvent.setup() };
}

const secretFields = () => screen.queryAllByTestId("secret-field").map((f) => f.dataset.field);
const endpoint = () => within(screen.getAllByTestId("endpoint-fields")[0]!);

async function fillValidDevice(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId("device-name"), "line-1");
  await user.type(endpoint().getByTestId("endpoint-name"), "opc");
  await user.type(endpoint().getByTestId("endpoint-address"), "opc.tcp://10.0.0.12:4840");
  await user.click(endpoint().getByTestId("endpoint-auth-UsernamePassword"));
  await user.click(screen.getByRole("button", { name: "Create Username" }));
  await user.click(screen.getByRole("button", { name: "Create Password" }));
}

describe("DeviceForm", () => {
  it("shows only the selected authentication method's fields, and the trust list for OPC UA only", async () => {
    const { user } = renderForm();
    expect(secretFields()).toEqual(["trustList"]);
    await user.click(endpoint().getByTestId("endpoint-auth-UsernamePassword"));
    expect(secretFields()).toEqual(["trustList", "username", "password"]);
    await user.click(endpoint().getByTestId("endpoint-auth-Certificate"));
    expect(secretFields()).toEqual(["trustList", "certificate", "key", "intermediateCertificates"]);
    await user.selectOptions(endpoint().getByTestId("endpoint-type"), "Microsoft.Onvif");
    expect(secretFields()).toEqual(["certificate", "key", "intermediateCertificates"]);
    await user.click(endpoint().getByTestId("endpoint-auth-Anonymous"));
    expect(secretFields()).toEqual([]);
    // Other: a text box for the type.
    await user.selectOptions(endpoint().getByTestId("endpoint-type"), "other");
    await user.type(endpoint().getByTestId("endpoint-type-other"), "Contoso.Modbus");
    expect(endpoint().getByTestId("endpoint-type")).toHaveProperty("value", "other");
  });

  it("checks the address against the endpoint type, next to the field", async () => {
    const { user } = renderForm();
    const address = endpoint().getByTestId("endpoint-address");
    expect(address.getAttribute("placeholder")).toBe("opc.tcp://host:4840");
    await user.type(address, "http://10.0.0.12");
    await user.tab();
    const message = await screen.findByTestId("endpoint-address-error");
    expect(message.textContent).toBe("Use opc.tcp://host:port, e.g. opc.tcp://10.0.0.12:4840");
    expect(address.getAttribute("aria-invalid")).toBe("true");
    expect(address.getAttribute("aria-describedby")).toBe(message.id);

    await user.selectOptions(endpoint().getByTestId("endpoint-type"), "Microsoft.Onvif");
    expect(address.getAttribute("placeholder")).toBe("http://host/onvif/device_service");
    await user.clear(address);
    await user.type(address, "opc.tcp://10.0.0.12:4840");
    await waitFor(() => expect(screen.getByTestId("endpoint-address-error").textContent).toBe("Use an http:// or https:// address"));
    await user.clear(address);
    await user.type(address, "http://10.0.0.20/onvif/device_service");
    await waitFor(() => expect(screen.queryByTestId("endpoint-address-error")).toBeNull());
    expect(address.getAttribute("aria-invalid")).toBeNull();
  });

  it("lets the synced secret name follow the names until the operator edits it", async () => {
    const { user } = renderForm();
    const synced = endpoint().getByTestId("endpoint-synced-secret-name");
    await user.type(screen.getByTestId("device-name"), "line-1");
    await user.type(endpoint().getByTestId("endpoint-name"), "opc");
    expect(synced).toHaveProperty("value", "line-1-opc");
    await user.clear(synced);
    await user.type(synced, "shared-opc-creds");
    await user.type(endpoint().getByTestId("endpoint-name"), "-2");
    expect(synced).toHaveProperty("value", "shared-opc-creds");
  });

  it("puts a 400's field messages next to the fields and the rest at the top", async () => {
    const { user } = renderForm();
    await fillValidDevice(user);
    api.createDevice.mockImplementation(() => Promise.reject(new ApiProblem({
      status: 400, title: "Check the fields", detail: "Some fields need attention.", requestId: "req-1",
      errors: { "endpoints.0.authentication.username": ["Key Vault secret 'opc-username' already exists: pick it instead"], "idempotencyKey": ["Send a UUID"] },
    })));
    await user.click(screen.getByTestId("device-save"));
    const usernameField = (await screen.findAllByTestId("secret-field")).find((f) => f.dataset.field === "username")!;
    await waitFor(() => expect(within(usernameField).getByTestId("secret-field-error").textContent)
      .toBe("Key Vault secret 'opc-username' already exists: pick it instead"));
    const top = screen.getByTestId("device-form-problem");
    expect(top.textContent).toContain("Some fields need attention.");
    expect(top.textContent).toContain("idempotencyKey: Send a UUID");
    // The form stays filled: the new secrets are still there for Save again.
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.source)).toEqual(["none", "new", "new"]);
  });

  it("saves without putting secret values into TanStack's caches or the browser's storage", async () => {
    const { user, client, onSaved } = renderForm();
    await fillValidDevice(user);
    api.createDevice.mockImplementation(() => Promise.resolve(RESULT));
    await user.click(screen.getByTestId("device-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("line-1", RESULT));

    // The value went to the server once, in the body…
    const [body, options] = api.createDevice.mock.calls[0]!;
    expect(options).toEqual({ dryRun: false });
    expect(body.endpoints[0].authentication.password).toEqual({ source: "new", keyVaultSecretName: "opc-password", value: "password-hunter2-secret-value" });
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // …and is nowhere else: not a mutation variable, not in any query, not in storage.
    const mutations = client.getMutationCache().getAll();
    expect(mutations).toHaveLength(1);
    expect(mutations[0]!.state.variables).toBeUndefined();
    const cached = JSON.stringify([mutations.map((m) => m.state), client.getQueryCache().getAll().map((q) => [q.queryKey, q.state])]);
    expect(cached).not.toContain("hunter2");
    expect(JSON.stringify(window.sessionStorage) + JSON.stringify(window.localStorage)).not.toContain("hunter2");
    // The form keeps the new secrets' names only: they are existing references now.
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.source)).toEqual(["none", "existing", "existing"]);
  });

  it("retries a failed save with the same idempotency key, and starts a new one after a success", async () => {
    const { user } = renderForm({
      mode: "edit",
      resourceVersion: "7",
      initial: { ...blankDevice(), name: "line-1", endpoints: [{ ...blankDevice().endpoints[0]!, name: "opc", address: "opc.tcp://h:4840", syncedSecretName: "line-1-opc" }] },
    });
    api.updateDevice
      .mockImplementationOnce(() => Promise.reject(new ApiProblem({ status: 502, title: "Key Vault failed", detail: "Step 1 (Key Vault secrets) failed: timeout", errors: {}, requestId: null })))
      .mockImplementationOnce(() => Promise.resolve({ ...RESULT, resourceVersion: "8" }))
      .mockImplementationOnce(() => Promise.resolve({ ...RESULT, resourceVersion: "9" }));
    await user.click(screen.getByTestId("device-save"));
    expect((await screen.findByTestId("device-form-problem")).textContent).toContain("Save again to finish");
    await user.click(screen.getByTestId("device-save"));
    await waitFor(() => expect(api.updateDevice).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByTestId("device-form-problem")).toBeNull());
    await user.click(screen.getByTestId("device-save"));
    await waitFor(() => expect(api.updateDevice).toHaveBeenCalledTimes(3));

    const calls = api.updateDevice.mock.calls.map(([name, body]) => ({ name, key: body.idempotencyKey, rv: body.resourceVersion }));
    expect(calls.map((c) => c.name)).toEqual(["line-1", "line-1", "line-1"]);
    expect(calls[1]!.key).toBe(calls[0]!.key);
    expect(calls[2]!.key).not.toBe(calls[0]!.key);
    // The next save sends the resourceVersion the last save answered.
    expect(calls.map((c) => c.rv)).toEqual(["7", "7", "8"]);
  });

  it("says a 409 on an edit means someone else changed the device, with Reload", async () => {
    const onReload = vi.fn();
    const { user } = renderForm({
      mode: "edit", resourceVersion: "7", onReload,
      initial: { ...blankDevice(), name: "line-1", endpoints: [{ ...blankDevice().endpoints[0]!, name: "opc", address: "opc.tcp://h:4840" }] },
    });
    api.updateDevice.mockImplementation(() => Promise.reject(new ApiProblem({ status: 409, title: "Conflict", detail: "resourceVersion 7 is not current", errors: {}, requestId: null })));
    await user.click(screen.getByTestId("device-save"));
    const problem = await screen.findByTestId("device-form-problem");
    expect(problem.textContent).toContain("changed by someone else since you opened it — reload");
    await user.click(within(problem).getByTestId("device-form-reload"));
    expect(onReload).toHaveBeenCalled();
    expect(screen.getByTestId("device-name")).toHaveProperty("readOnly", true);
  });

  it("is read-only for readers: no Save, Review or Add endpoint, secret fields say why", () => {
    renderForm({ readOnly: true });
    expect(screen.queryByTestId("device-save")).toBeNull();
    expect(screen.queryByTestId("device-review")).toBeNull();
    expect(screen.queryByTestId("endpoint-add")).toBeNull();
    expect(screen.getByTestId("device-name")).toHaveProperty("disabled", false); // inside a disabled fieldset:
    expect(screen.getByTestId("device-name").matches(":disabled")).toBe(true);
    expect(screen.getByTestId("secret-field").dataset.disabledReason).toMatch(/^Read-only/);
  });

  it("passes the secret-sync-disabled reason to the secret fields", async () => {
    const { user } = renderForm({ secretFieldsDisabledReason: "Secret sync is not enabled on this instance" });
    await user.click(endpoint().getByTestId("endpoint-auth-UsernamePassword"));
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.disabledReason))
      .toEqual(Array(3).fill("Secret sync is not enabled on this instance"));
  });

  it("keeps the non-secret fields across a sign-in redirect, never a secret value, and asks for the references again", async () => {
    const first = renderForm();
    await fillValidDevice(first.user);
    await first.user.type(screen.getByTestId("device-manufacturer"), "Contoso");
    act(() => saveFormsBeforeSignIn()); // the session expired: the browser is about to leave for sign-in
    const stored = JSON.stringify(window.sessionStorage);
    expect(stored).not.toContain("hunter2");
    expect(stored).not.toContain("opc-password"); // not even the new secret's name: the whole reference is dropped
    cleanup();

    renderForm();
    expect(await screen.findByTestId("device-form-restored")).toBeTruthy();
    expect(screen.getByTestId("device-name")).toHaveProperty("value", "line-1");
    expect(screen.getByTestId("device-manufacturer")).toHaveProperty("value", "Contoso");
    expect(endpoint().getByTestId("endpoint-address")).toHaveProperty("value", "opc.tcp://10.0.0.12:4840");
    expect(endpoint().getByTestId("endpoint-synced-secret-name")).toHaveProperty("value", "line-1-opc");
    expect(endpoint().getByTestId("endpoint-auth-UsernamePassword")).toHaveProperty("checked", true);
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.source)).toEqual(["none", "none", "none"]);
  });
});
