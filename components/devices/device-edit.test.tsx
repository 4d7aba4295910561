import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import type { DeviceDetail } from "@/lib/schemas/device-api";
import { DeviceEdit } from "./device-edit";
import { deviceSavedFlash } from "./saved-flash";
import { signInAs, testQueryClient, withQueryClient } from "./testing/test-support";

const api = vi.hoisted(() => ({ getDevice: vi.fn(), updateDevice: vi.fn(), getDeviceDeletePlan: vi.fn(), deleteDevice: vi.fn() }));
vi.mock("@/lib/api/devices", () => api);
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

afterEach(cleanup);

const DETAIL: DeviceDetail = {
  name: "line-1", resourceVersion: "7", manufacturer: "Contoso", model: "X1", enabled: true,
  endpoints: [
    { name: "opc", endpointType: "Microsoft.OpcUa", address: "opc.tcp://10.0.0.12:4840", version: "", additionalConfiguration: "",
      trustList: null, authentication: { method: "UsernamePassword", username: { source: "existing", keyVaultSecretName: "opc-user" },
        password: { source: "existing", keyVaultSecretName: "opc-pass" } },
      syncedSecretName: "line-1-opc", sync: { state: "syncing", requestedAt: "2026-11-01T10:00:00.000Z", noAnswerSince: null, lastKnown: "none" },
      unresolved: [], edgeError: null },
    { name: "cam", endpointType: "Microsoft.Onvif", address: "http://10.0.0.20/onvif/device_service", version: "", additionalConfiguration: "",
      trustList: null, authentication: { method: "Anonymous" }, syncedSecretName: "", sync: null,
      unresolved: [{ field: "username", reference: "gone/username", reason: "no SecretSync 'gone'" }], edgeError: "Unauthorized" },
  ],
  secretSync: { enabled: true, defaultSecretProviderClass: "aio-akv-sp", reason: null },
};

async function renderEdit(level: "operator" | "reader", detail: DeviceDetail | Error = DETAIL) {
  signInAs(level);
  api.getDevice.mockImplementation(() => (detail instanceof Error ? Promise.reject(detail) : Promise.resolve(detail)));
  render(withQueryClient(testQueryClient(), <DeviceEdit name="line-1" />));
}

describe("DeviceEdit", () => {
  it("fills the form from the device and shows each endpoint's sync state", async () => {
    await renderEdit("operator");
    expect(await screen.findByTestId("device-form")).toBeTruthy();
    expect(screen.getByTestId("device-name")).toHaveProperty("value", "line-1");
    expect(screen.getByTestId("device-name")).toHaveProperty("readOnly", true);
    expect(screen.getAllByTestId("endpoint-address").map((a) => (a as HTMLInputElement).value))
      .toEqual(["opc.tcp://10.0.0.12:4840", "http://10.0.0.20/onvif/device_service"]);
    const states = screen.getAllByTestId("device-endpoint-status");
    expect(states.map((s) => s.dataset.syncState)).toEqual(["syncing", "none"]);
    expect(within(states[1]!).getByTestId("device-edge-error").textContent).toContain("Unauthorized");
    expect(within(states[1]!).getByTestId("device-unresolved").textContent).toContain("no SecretSync 'gone'");
    expect(screen.getByTestId("device-save")).toBeTruthy();
    expect(screen.getByTestId("device-delete")).toBeTruthy();
    expect(screen.queryByTestId("device-save-success")).toBeNull();
  });

  it("says Saved after a create brought the operator here, following the sync", async () => {
    deviceSavedFlash.mark("line-1");
    await renderEdit("operator");
    expect((await screen.findByTestId("device-save-success")).textContent).toContain("Following each endpoint's synced secret");
  });

  it("shows readers the device without Save, Review or Delete", async () => {
    await renderEdit("reader");
    await screen.findByTestId("device-form");
    expect(screen.queryByTestId("device-save")).toBeNull();
    expect(screen.queryByTestId("device-review")).toBeNull();
    expect(screen.queryByTestId("device-delete")).toBeNull();
    expect(screen.getByTestId("device-form-read-only")).toBeTruthy();
  });

  it("says when there is no such device", async () => {
    await renderEdit("operator", new ApiProblem({ status: 404, title: "Not found", detail: "No device 'line-1'", errors: {}, requestId: null }));
    expect((await screen.findByTestId("device-not-found")).textContent).toContain("There is no device named line-1");
  });
});
