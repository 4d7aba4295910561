import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import { saveFormsBeforeSignIn } from "@/lib/auth/preserve-form";
import type { DataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import type { DataflowEndpointFormInput } from "@/lib/schemas/dataflow-endpoint-form";
import { polyfillDialog } from "@/components/devices/testing/test-support";
import { renderEndpointForm, valueOf } from "./testing/render-form";

const api = vi.hoisted(() => ({ createDataflowEndpoint: vi.fn(), updateDataflowEndpoint: vi.fn() }));
vi.mock("@/lib/api/dataflow-endpoints", () => api);
vi.mock("@/components/secret-reference/secret-field", () => import("./testing/secret-field-stub"));

beforeAll(polyfillDialog);
afterEach(() => {
  cleanup();
  api.createDataflowEndpoint.mockReset();
  api.updateDataflowEndpoint.mockReset();
  window.sessionStorage.clear();
});

const RESULT: DataflowEndpointSaveResult = {
  dryRun: false,
  resourceVersion: "2",
  plan: {
    vaultSecretsToCreate: ["new-password"],
    secretProviderClass: { name: "aio-akv-sp", objectsToAdd: ["new-password", "ops-portal-eventhub-username"], objectsToRemove: [] },
    secretSyncs: [{ name: "hub-1-secret", action: "create", keysAdded: ["password", "username"], keysRemoved: [], yaml: "kind: SecretSync\n" }],
    dataflowEndpoint: { name: "hub-1", action: "create", yaml: "kind: DataflowEndpoint\nmetadata:\n  name: hub-1\n" },
  },
};

type User = ReturnType<typeof renderEndpointForm>["user"];

async function fillEventHub(user: User) {
  await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-Eventhub"));
  await user.type(screen.getByTestId("dataflow-endpoint-name"), "hub-1");
  await user.type(screen.getByTestId("dataflow-endpoint-host"), "ns-1.servicebus.windows.net:9093");
  await user.click(screen.getByRole("button", { name: "Create Connection string" }));
}

const EDIT_INITIAL: DataflowEndpointFormInput = {
  name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
  tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "" },
  batching: { mode: "Enabled", latencyMs: 5, maxBytes: null, maxMessages: null },
  authentication: { method: "Sasl", saslType: "Plain", username: null, password: { source: "existing", keyVaultSecretName: "hub-conn" } },
  syncedSecretName: "hub-1-secret",
};

describe("EndpointForm: save", () => {
  it("saves an Event Hubs endpoint with only the connection string, never keeping its value in caches or storage", async () => {
    const { user, client, onSaved } = renderEndpointForm();
    await fillEventHub(user);
    api.createDataflowEndpoint.mockResolvedValue(RESULT);
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("hub-1", RESULT));

    const [body, options] = api.createDataflowEndpoint.mock.calls[0]!;
    expect(options).toEqual({ dryRun: false });
    expect(body).toMatchObject({
      name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "" },
      batching: { mode: "Enabled", latencyMs: null, maxBytes: null, maxMessages: null },
      authentication: { method: "Sasl", saslType: "Plain", username: null, password: { source: "new", keyVaultSecretName: "new-password" } },
      syncedSecretName: "hub-1-secret",
    });
    expect(body.authentication.password.value).toContain("hunter2");
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const mutations = client.getMutationCache().getAll();
    expect(mutations.every((m) => m.state.variables === undefined)).toBe(true);
    const cached = JSON.stringify([mutations.map((m) => m.state), client.getQueryCache().getAll().map((q) => [q.queryKey, q.state])]);
    expect(cached).not.toContain("hunter2");
    expect(JSON.stringify(window.sessionStorage) + JSON.stringify(window.localStorage)).not.toContain("hunter2");
    // The form keeps the new secret's name only: it is an existing reference now.
    expect(screen.getByTestId("secret-field").dataset.source).toBe("existing");
  });

  it("sends batching numbers, and no synced secret name for a method without a secret", async () => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId("dataflow-endpoint-kind-DataExplorer"));
    await user.type(screen.getByTestId("dataflow-endpoint-name"), "adx-1");
    await user.type(screen.getByTestId("dataflow-endpoint-host"), "https://adx-1.westeurope.kusto.windows.net");
    await user.type(screen.getByTestId("dataflow-endpoint-database"), "telemetry");
    await user.type(screen.getByTestId("dataflow-endpoint-batching-latency-seconds"), "30");
    await user.click(screen.getByTestId("dataflow-endpoint-auth-UserAssignedManagedIdentity"));
    await user.type(screen.getByTestId("dataflow-endpoint-client-id"), "00000000-0000-4000-8000-000000000001");
    await user.type(screen.getByTestId("dataflow-endpoint-tenant-id"), "00000000-0000-4000-8000-000000000002");
    api.createDataflowEndpoint.mockResolvedValue({ ...RESULT, plan: { ...RESULT.plan, dataflowEndpoint: { name: "adx-1", action: "create", yaml: "" } } });
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    await waitFor(() => expect(api.createDataflowEndpoint).toHaveBeenCalled());
    const [body] = api.createDataflowEndpoint.mock.calls[0]!;
    expect(body).toMatchObject({
      endpointType: "DataExplorer", database: "telemetry", batching: { latencySeconds: 30, maxMessages: null },
      authentication: { method: "UserAssignedManagedIdentity", clientId: "00000000-0000-4000-8000-000000000001", scope: "" },
      syncedSecretName: "",
    });
  });

  it("checks fields next to them before anything is sent", async () => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-Eventhub"));
    await user.type(screen.getByTestId("dataflow-endpoint-host"), "https://ns-1.servicebus.windows.net");
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    expect((await screen.findByTestId("dataflow-endpoint-host-error")).textContent).toMatch(/^Leave out the scheme/);
    expect(screen.getByTestId("dataflow-endpoint-name-error")).toBeTruthy();
    expect(within(screen.getByTestId("secret-field")).getByTestId("secret-field-error").textContent).toBe("Add a reference for the password");
    const host = screen.getByTestId("dataflow-endpoint-host");
    expect(host.getAttribute("aria-invalid")).toBe("true");
    expect(host.getAttribute("aria-describedby")).toContain("dataflow-endpoint-host-error");
    expect(api.createDataflowEndpoint).not.toHaveBeenCalled();
  });

  it("puts a 400's field messages next to the fields and the rest at the top", async () => {
    const { user } = renderEndpointForm();
    await fillEventHub(user);
    api.createDataflowEndpoint.mockRejectedValue(new ApiProblem({
      status: 400, title: "Check the fields", detail: "Some fields need attention.", requestId: "req-1",
      errors: {
        "authentication.password": ["Key Vault secret 'new-password' already exists: pick it instead"],
        "tls.trustedCaCertificateConfigMapRef": ["ConfigMap 'ca' was not found"],
        "authentication.method": ["Choose an authentication method this endpoint type supports"],
        hostType: ["Choose Event Hubs, Fabric Real-Time Intelligence or a custom Kafka broker"],
        idempotencyKey: ["Send a UUID"],
      },
    }));
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    await waitFor(() => expect(within(screen.getByTestId("secret-field")).getByTestId("secret-field-error").textContent)
      .toBe("Key Vault secret 'new-password' already exists: pick it instead"));
    expect(screen.getByTestId("dataflow-endpoint-tls-ca-error").textContent).toBe("ConfigMap 'ca' was not found");
    const top = screen.getByTestId("dataflow-endpoint-form-problem");
    expect(top.textContent).toContain("Some fields need attention.");
    expect(top.textContent).toContain("idempotencyKey: Send a UUID");
    expect(top.textContent).toContain("hostType: Choose Event Hubs"); // no field of its own
    expect(screen.getByTestId("dataflow-endpoint-auth-error").textContent).toBe("Choose an authentication method this endpoint type supports");
    expect(top.textContent).toContain("The messages are next to the fields.");
    expect(screen.getByTestId("secret-field").dataset.source).toBe("new"); // kept for Save again
  });

  it("says a 409 on an edit means someone else changed the endpoint, with Reload", async () => {
    const onReload = vi.fn();
    const { user } = renderEndpointForm({ mode: "edit", initial: EDIT_INITIAL, resourceVersion: "7", onReload });
    api.updateDataflowEndpoint.mockRejectedValue(new ApiProblem({ status: 409, title: "Conflict", detail: "resourceVersion 7 is not current", errors: {}, requestId: null }));
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    const problem = await screen.findByTestId("dataflow-endpoint-form-problem");
    expect(problem.dataset.kind).toBe("conflict");
    expect(problem.textContent).toContain("This data flow endpoint was changed by someone else since you opened it — reload");
    await user.click(within(problem).getByTestId("dataflow-endpoint-form-reload"));
    expect(onReload).toHaveBeenCalled();
    const [name, body] = api.updateDataflowEndpoint.mock.calls[0]!;
    expect(name).toBe("hub-1");
    expect(body.resourceVersion).toBe("7");
  });

  it("retries a failed save with the same idempotency key and sends the resourceVersion the last save answered", async () => {
    const { user } = renderEndpointForm({ mode: "edit", initial: EDIT_INITIAL, resourceVersion: "7" });
    api.updateDataflowEndpoint
      .mockRejectedValueOnce(new ApiProblem({ status: 502, title: "Key Vault failed", detail: "Step 1 failed: timeout", errors: {}, requestId: null }))
      .mockResolvedValueOnce({ ...RESULT, resourceVersion: "8" })
      .mockResolvedValueOnce({ ...RESULT, resourceVersion: "9" });
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    expect((await screen.findByTestId("dataflow-endpoint-form-problem")).textContent).toContain("Save again to finish");
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    await waitFor(() => expect(screen.queryByTestId("dataflow-endpoint-form-problem")).toBeNull());
    await user.click(screen.getByTestId("dataflow-endpoint-save"));
    await waitFor(() => expect(api.updateDataflowEndpoint).toHaveBeenCalledTimes(3));
    const calls = api.updateDataflowEndpoint.mock.calls.map(([, body]) => ({ key: body.idempotencyKey, rv: body.resourceVersion }));
    expect(calls[1]!.key).toBe(calls[0]!.key);
    expect(calls[2]!.key).not.toBe(calls[0]!.key);
    expect(calls.map((c) => c.rv)).toEqual(["7", "7", "8"]);
  });

  it("reviews the save in a dialog (dry run), and Save there saves the same form with the same key", async () => {
    const { user, onSaved } = renderEndpointForm();
    await fillEventHub(user);
    api.createDataflowEndpoint.mockImplementation((_b: unknown, o: { dryRun: boolean }) =>
      Promise.resolve({ ...RESULT, dryRun: o.dryRun, resourceVersion: o.dryRun ? null : "1" }));
    await user.click(screen.getByTestId("dataflow-endpoint-review"));
    const dialog = screen.getByTestId("dataflow-endpoint-review-dialog");
    await waitFor(() => expect(dialog.hasAttribute("open")).toBe(true));
    expect(api.createDataflowEndpoint).toHaveBeenLastCalledWith(expect.objectContaining({ name: "hub-1" }), { dryRun: true });
    expect(within(dialog).getByTestId("review-vault-secrets").textContent).toContain("new-password");
    expect(within(dialog).getByTestId("review-secret-sync").dataset.name).toBe("hub-1-secret");
    expect(within(dialog).getByTestId("review-dataflow-endpoint").textContent).toContain("Create");
    expect(within(dialog).getAllByTestId("review-yaml").map((y) => y.textContent)).toContain(RESULT.plan.dataflowEndpoint.yaml);
    await user.click(within(dialog).getByTestId("dataflow-endpoint-review-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [[review], [save]] = api.createDataflowEndpoint.mock.calls as [[{ idempotencyKey: string }], [{ idempotencyKey: string }]];
    expect(save.idempotencyKey).toBe(review.idempotencyKey);
    expect(dialog.hasAttribute("open")).toBe(false);
  });

  it("keeps the type and non-secret fields across a sign-in redirect, never a secret value", async () => {
    const first = renderEndpointForm();
    await fillEventHub(first.user);
    act(() => saveFormsBeforeSignIn());
    const stored = JSON.stringify(window.sessionStorage);
    expect(stored).not.toContain("hunter2");
    expect(stored).not.toContain("new-password");
    cleanup();

    renderEndpointForm();
    expect(await screen.findByTestId("dataflow-endpoint-form-restored")).toBeTruthy();
    expect(screen.getByTestId("dataflow-endpoint-kind-Kafka-Eventhub")).toHaveProperty("checked", true);
    expect(valueOf("dataflow-endpoint-name")).toBe("hub-1");
    expect(valueOf("dataflow-endpoint-host")).toBe("ns-1.servicebus.windows.net:9093");
    expect(valueOf("dataflow-endpoint-synced-secret-name")).toBe("hub-1-secret");
    expect(screen.getByTestId("secret-field").dataset.source).toBe("none");
  });
});

describe("EndpointForm: edit and read-only", () => {
  it("fills the edit form from the endpoint: fixed name and type, its method's fields", () => {
    renderEndpointForm({ mode: "edit", initial: EDIT_INITIAL, resourceVersion: "7" });
    expect(screen.queryByTestId("dataflow-endpoint-kind")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoint-kind-fixed").textContent).toBe("Kafka · Azure Event Hubs");
    expect(screen.getByTestId("dataflow-endpoint-name")).toHaveProperty("readOnly", true);
    expect(valueOf("dataflow-endpoint-host")).toBe("ns-1.servicebus.windows.net:9093");
    expect(valueOf("dataflow-endpoint-batching-latency-ms")).toBe("5");
    expect(valueOf("dataflow-endpoint-synced-secret-name")).toBe("hub-1-secret");
    expect(screen.getByTestId("secret-field").dataset.source).toBe("existing");
  });

  it("is read-only for readers: no Save or Review, fields disabled, secret fields say why", () => {
    renderEndpointForm({ mode: "edit", initial: EDIT_INITIAL, resourceVersion: "7", readOnly: true });
    expect(screen.queryByTestId("dataflow-endpoint-save")).toBeNull();
    expect(screen.queryByTestId("dataflow-endpoint-review")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoint-form-read-only")).toBeTruthy();
    expect(screen.getByTestId("dataflow-endpoint-host").matches(":disabled")).toBe(true);
    expect(screen.getByTestId("secret-field").dataset.disabledReason).toMatch(/^Read-only/);
  });

  it("passes the secret-sync-disabled reason to the secret fields", async () => {
    const { user } = renderEndpointForm({ secretFieldsDisabledReason: "Secret sync is not enabled on this instance" });
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-CustomKafka"));
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.disabledReason))
      .toEqual(["Secret sync is not enabled on this instance", "Secret sync is not enabled on this instance"]);
  });
});
