import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import type { DataflowEndpointDeletePlan, DataflowEndpointDetail } from "@/lib/schemas/dataflow-endpoint-api";
import { polyfillDialog, signInAs, testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { EndpointEdit } from "./endpoint-edit";
import { endpointSavedFlash } from "./saved-flash";

const api = vi.hoisted(() => ({
  getDataflowEndpoint: vi.fn(), getDataflowEndpointDeletePlan: vi.fn(), deleteDataflowEndpoint: vi.fn(),
  createDataflowEndpoint: vi.fn(), updateDataflowEndpoint: vi.fn(),
}));
vi.mock("@/lib/api/dataflow-endpoints", () => api);
const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));
vi.mock("@/components/secret-reference/secret-field", () => import("./testing/secret-field-stub"));

beforeAll(polyfillDialog);
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const DEFAULT: DataflowEndpointDetail = {
  name: "default",
  resourceVersion: "3",
  values: {
    name: "default", endpointType: "Mqtt", hostType: "LocalBroker", host: "aio-broker:18883",
    tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "azure-iot-operations-aio-ca-trust-bundle" },
    authentication: { method: "ServiceAccountToken", audience: "aio-internal" }, syncedSecretName: "",
  },
  notEditable: null,
  sync: null,
  unresolved: [],
  deletable: false,
  deleteRefusal: "The default endpoint belongs to Azure IoT Operations: it can be edited, never deleted.",
  provisioningState: "Succeeded",
  healthState: null,
  secretSync: { enabled: true, defaultSecretProviderClass: "aio-akv-sp", reason: null },
};

const HUB: DataflowEndpointDetail = {
  ...DEFAULT,
  name: "hub-1",
  values: {
    name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
    tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "" },
    batching: { mode: "Enabled", latencyMs: null, maxBytes: null, maxMessages: null },
    authentication: { method: "Sasl", saslType: "Plain", username: null, password: { source: "existing", keyVaultSecretName: "hub-conn" } },
    syncedSecretName: "hub-1-secret",
  },
  sync: { state: "syncing", requestedAt: "2026-11-01T10:00:00.000Z", noAnswerSince: null, lastKnown: "none" },
  deletable: true,
  deleteRefusal: null,
  provisioningState: null,
};

async function renderEdit(detail: DataflowEndpointDetail, level: "operator" | "reader") {
  signInAs(level);
  api.getDataflowEndpoint.mockImplementation(() => Promise.resolve(detail));
  render(withQueryClient(testQueryClient(), <EndpointEdit name={detail.name} />));
  await screen.findByTestId("dataflow-endpoint-form");
}

describe("EndpointEdit", () => {
  it("lets operators edit AIO's default endpoint but never offers to delete it", async () => {
    await renderEdit(DEFAULT, "operator");
    expect(screen.getByTestId("dataflow-endpoint-save")).toBeTruthy();
    expect(screen.getByTestId("dataflow-endpoint-kind-fixed").textContent).toBe("MQTT · Local MQTT broker");
    expect((screen.getByTestId("dataflow-endpoint-host") as HTMLInputElement).value).toBe("aio-broker:18883");
    expect(screen.queryByTestId("dataflow-endpoint-delete")).toBeNull();
    expect(screen.queryByTestId("dataflow-endpoint-delete-dialog")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoint-delete-refusal").textContent).toContain("never deleted");
    expect(screen.getByTestId("dataflow-endpoint-status").textContent).toBe("Provisioning: Succeeded");
  });

  it("follows the synced secret's sync state and says a save went through", async () => {
    endpointSavedFlash.mark("hub-1");
    await renderEdit(HUB, "operator");
    expect(screen.getByTestId("dataflow-endpoint-save-success").textContent).toContain("Following the synced secret");
    expect(screen.getByTestId("dataflow-endpoint-sync-state").dataset.state).toBe("syncing");
    expect(screen.getByTestId("dataflow-endpoint-synced-secret-link").getAttribute("href")).toBe("/secrets?search=hub-1-secret");
  });

  it("deletes an endpoint with its synced secret when nothing else uses it, then goes back to the list", async () => {
    const user = userEvent.setup();
    const plan: DataflowEndpointDeletePlan = { endpoint: "hub-1", syncedSecrets: [{ name: "hub-1-secret", deletable: true, reason: null }] };
    api.getDataflowEndpointDeletePlan.mockResolvedValue(plan);
    api.deleteDataflowEndpoint.mockResolvedValue(undefined);
    await renderEdit(HUB, "operator");
    expect(api.getDataflowEndpointDeletePlan).not.toHaveBeenCalled(); // asked only when the dialog opens
    await user.click(screen.getByTestId("dataflow-endpoint-delete"));
    const dialog = screen.getByTestId("dataflow-endpoint-delete-dialog");
    expect(dialog.textContent).toContain("Key Vault secrets are never deleted");
    const [secret] = await within(dialog).findAllByTestId("dataflow-endpoint-delete-secret");
    const box = within(secret!).getByRole("checkbox");
    expect(box).toHaveProperty("checked", false);
    await user.click(box);
    await user.click(within(dialog).getByTestId("dataflow-endpoint-delete-confirm"));
    await waitFor(() => expect(router.push).toHaveBeenCalledWith("/dataflow-endpoints"));
    expect(api.deleteDataflowEndpoint).toHaveBeenCalledWith("hub-1", ["hub-1-secret"]);
  });

  it("keeps a synced secret another endpoint uses, and says why", async () => {
    const user = userEvent.setup();
    api.getDataflowEndpointDeletePlan.mockResolvedValue({ endpoint: "hub-1",
      syncedSecrets: [{ name: "hub-1-secret", deletable: false, reason: "also used by data flow endpoint 'hub-2'" }] });
    await renderEdit(HUB, "operator");
    await user.click(screen.getByTestId("dataflow-endpoint-delete"));
    const [secret] = await screen.findAllByTestId("dataflow-endpoint-delete-secret");
    expect(within(secret!).getByRole("checkbox")).toHaveProperty("disabled", true);
    expect(secret!.textContent).toContain("Kept: also used by data flow endpoint 'hub-2'");
  });

  it("shows readers the endpoint without Save, Review or Delete", async () => {
    await renderEdit(HUB, "reader");
    expect(screen.queryByTestId("dataflow-endpoint-save")).toBeNull();
    expect(screen.queryByTestId("dataflow-endpoint-review")).toBeNull();
    expect(screen.queryByTestId("dataflow-endpoint-delete")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoint-form-read-only")).toBeTruthy();
  });

  it("shows an endpoint the form cannot edit read-only, and says why", async () => {
    await renderEdit({ ...HUB, notEditable: "It authenticates with a method the portal does not offer" }, "operator");
    expect(screen.getByTestId("dataflow-endpoint-not-editable").textContent).toContain("a method the portal does not offer");
    expect(screen.queryByTestId("dataflow-endpoint-save")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoint-delete")).toBeTruthy();
  });

  it("says when there is no such endpoint", async () => {
    signInAs("operator");
    api.getDataflowEndpoint.mockRejectedValue(new ApiProblem({ status: 404, title: "Not found", detail: "", errors: {}, requestId: null }));
    render(withQueryClient(testQueryClient(), <EndpointEdit name="gone" />));
    expect((await screen.findByTestId("dataflow-endpoint-not-found")).textContent).toContain("There is no data flow endpoint named gone");
  });
});
