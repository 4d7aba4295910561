import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import type { DeviceEndpointRow, DeviceList } from "@/lib/schemas/device-api";
import { DevicesView } from "./devices-view";
import { signInAs, testQueryClient, withQueryClient } from "./testing/test-support";

const api = vi.hoisted(() => ({ listDevices: vi.fn() }));
vi.mock("@/lib/api/devices", () => api);

const row = (device: string, endpoint: string, over: Partial<DeviceEndpointRow> = {}): DeviceEndpointRow => ({
  device, deviceEnabled: true, endpoint, address: "opc.tcp://10.0.0.12:4840", endpointType: "Microsoft.OpcUa",
  authenticationMethod: "UsernamePassword", syncedSecretName: `${device}-${endpoint}`,
  sync: { state: "synced", lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z" }, edgeError: null, ...over,
});

const LIST: DeviceList = {
  items: [
    row("line-1", "opc"),
    row("line-2", "opc", { sync: { state: "failed", reason: "ProviderError", message: "Key Vault secret 'opc-pass' was not found",
      since: "2026-11-01T10:05:00.000Z", lastSuccessfulSyncTime: null }, edgeError: "BadUserAccessDenied" }),
    row("cam-7", "onvif", { endpointType: "Microsoft.Onvif", address: "http://10.0.0.20/onvif/device_service", authenticationMethod: "Anonymous",
      syncedSecretName: null, sync: null, deviceEnabled: false }),
    row("line-3", "opc", { sync: { state: "syncing", requestedAt: "2026-11-01T10:00:00.000Z", noAnswerSince: "2026-11-01T10:01:00.000Z", lastKnown: "failed" } }),
    row("line-4", "opc", { sync: { state: "missing" } }),
  ],
  secretSync: { enabled: true, defaultSecretProviderClass: "aio-akv-sp", reason: null },
};

afterEach(cleanup);

async function renderView(list: DeviceList, level: "operator" | "reader") {
  signInAs(level);
  api.listDevices.mockImplementation(() => Promise.resolve(list));
  render(withQueryClient(testQueryClient(), <DevicesView />));
  await screen.findByTestId(list.items.length ? "devices-table" : "devices-empty");
}

const rowOf = (device: string) => screen.getAllByTestId("device-row").find((r) => r.dataset.device === device)!;

describe("DevicesView", () => {
  it("lists one row per endpoint with its sync state: Failed with its reason, Syncing with the controller's silence", async () => {
    await renderView(LIST, "operator");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      ["Device", "Endpoint", "Address", "Authentication", "Synced secret", "Sync state", "Edge error", "Actions"]);
    expect(screen.getAllByTestId("device-row")).toHaveLength(5);

    const line1 = within(rowOf("line-1"));
    expect(line1.getByTestId("device-link").getAttribute("href")).toBe("/devices/line-1");
    expect(line1.getByTestId("device-synced-secret-link").getAttribute("href")).toBe("/secrets?search=line-1-opc");
    expect(line1.getByTestId("device-endpoint-type").textContent).toBe("OPC UA");
    expect(line1.getByTestId("device-sync-state").dataset.state).toBe("synced");

    const line2 = within(rowOf("line-2"));
    expect(line2.getByTestId("device-sync-state").dataset.state).toBe("failed");
    expect(line2.getByTestId("device-sync-state").textContent).toContain("Failed · ProviderError");
    expect(line2.getByTestId("device-sync-state-message").textContent).toBe("Key Vault secret 'opc-pass' was not found");
    expect(line2.getByTestId("device-edge-error").textContent).toBe("BadUserAccessDenied");

    const line3 = within(rowOf("line-3"));
    expect(line3.getByTestId("device-sync-state").textContent).toContain("Syncing");
    expect(line3.getByTestId("device-sync-state").textContent).toContain("Last known state: Failed");
    expect(line3.getByTestId("device-sync-state-no-answer").textContent).toMatch(/^No answer from the sync controller since /);

    expect(within(rowOf("line-4")).getByTestId("device-sync-state").textContent).toBe("Synced secret missing");
    const cam = within(rowOf("cam-7"));
    expect(cam.getByTestId("device-sync-state").textContent).toBe("No secrets");
    expect(cam.queryByTestId("device-synced-secret-link")).toBeNull();
    expect(cam.getByTestId("device-enabled").textContent).toBe("Disabled");
  });

  it("filters rows by device, endpoint, address, type and synced secret", async () => {
    const user = userEvent.setup();
    await renderView(LIST, "reader");
    const search = screen.getByTestId("devices-search");
    const shown = () => screen.getAllByTestId("device-row").map((r) => r.dataset.device);

    await user.type(search, "onvif");
    expect(shown()).toEqual(["cam-7"]);
    await user.clear(search);
    await user.type(search, "LINE-2");
    expect(shown()).toEqual(["line-2"]);
    await user.clear(search);
    await user.type(search, "opc ua"); // the type's label as shown
    expect(shown()).toEqual(["line-1", "line-2", "line-3", "line-4"]);
    await user.clear(search);
    await user.type(search, "10.0.0.20");
    expect(shown()).toEqual(["cam-7"]);
    await user.clear(search);
    await user.type(search, "nothing-like-this");
    expect(screen.queryByTestId("devices-table")).toBeNull();
    expect(screen.getByTestId("devices-no-match-empty").textContent).toContain("No endpoints match “nothing-like-this”");
  });

  it("offers Create device on the empty list to operators only", async () => {
    const empty: DeviceList = { ...LIST, items: [] };
    await renderView(empty, "operator");
    expect(within(screen.getByTestId("devices-empty")).getByTestId("device-create").getAttribute("href")).toBe("/devices/new");
    cleanup();
    await renderView(empty, "reader");
    expect(screen.getByTestId("devices-empty")).toBeTruthy();
    expect(screen.queryByTestId("device-create")).toBeNull();
  });

  it("shows readers everything without Create or Edit", async () => {
    await renderView(LIST, "reader");
    expect(screen.getAllByTestId("device-row")).toHaveLength(5);
    expect(screen.queryByTestId("device-create")).toBeNull();
    expect(screen.queryAllByTestId("device-edit")).toEqual([]);
    expect(screen.queryByRole("columnheader", { name: "Actions" })).toBeNull();
  });

  it("says when secret sync is not enabled, and why", async () => {
    await renderView({ ...LIST, secretSync: { enabled: false, defaultSecretProviderClass: null, reason: "The instance has no default SecretProviderClass" } }, "operator");
    expect(screen.getByTestId("devices-secret-sync-disabled").textContent).toContain("The instance has no default SecretProviderClass");
  });

  it("shows the list error with Retry", async () => {
    signInAs("reader");
    const problem = new ApiProblem({ status: 503, title: "Kubernetes unavailable", detail: "The cluster did not answer", errors: {}, requestId: "r1" });
    api.listDevices.mockImplementation(() => Promise.reject(problem));
    render(withQueryClient(testQueryClient(), <DevicesView />));
    expect((await screen.findByTestId("devices-error-detail")).textContent).toBe("The cluster did not answer");
    expect(screen.getByTestId("devices-retry")).toBeTruthy();
  });
});
