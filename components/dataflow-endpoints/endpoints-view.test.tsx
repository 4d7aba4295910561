import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import type { DataflowEndpointList, DataflowEndpointRow } from "@/lib/schemas/dataflow-endpoint-api";
import { signInAs, testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { EndpointsView } from "./endpoints-view";

const api = vi.hoisted(() => ({ listDataflowEndpoints: vi.fn() }));
vi.mock("@/lib/api/dataflow-endpoints", () => api);

const row = (name: string, over: Partial<DataflowEndpointRow> = {}): DataflowEndpointRow => ({
  name, endpointType: "Kafka", hostType: "Eventhub", typeLabel: "Kafka · Azure Event Hubs", host: "ns-1.servicebus.windows.net:9093",
  authenticationMethod: "Sasl", syncedSecretName: `${name}-secret`,
  sync: { state: "synced", lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z" }, deletable: true, ...over,
});

const LIST: DataflowEndpointList = {
  items: [
    row("default", { endpointType: "Mqtt", hostType: "LocalBroker", typeLabel: "MQTT · Local MQTT broker", host: "aio-broker:18883",
      authenticationMethod: "ServiceAccountToken", syncedSecretName: null, sync: null, deletable: false }),
    row("hub-1"),
    row("grid-1", { endpointType: "Mqtt", hostType: "EventGrid", typeLabel: "MQTT · Azure Event Grid", host: "ns.westeurope-1.ts.eventgrid.azure.net:8883",
      authenticationMethod: "SystemAssignedManagedIdentity", syncedSecretName: null, sync: null }),
    row("rti-1", { hostType: "FabricRT", typeLabel: "Kafka · Microsoft Fabric Real-Time Intelligence",
      sync: { state: "failed", reason: "ProviderError", message: "Key Vault secret 'rti-conn' was not found", since: null, lastSuccessfulSyncTime: null } }),
    row("lake-1", { endpointType: "DataLakeStorage", hostType: null, typeLabel: "Azure Data Lake Storage Gen2", host: "https://lake1.blob.core.windows.net",
      authenticationMethod: "AccessToken", sync: { state: "syncing", requestedAt: null, noAnswerSince: null, lastKnown: "none" } }),
    row("disk-1", { endpointType: "LocalStorage", hostType: null, typeLabel: "Local storage", host: "edge-pvc", authenticationMethod: "",
      syncedSecretName: null, sync: null }),
  ],
  secretSync: { enabled: true, defaultSecretProviderClass: "aio-akv-sp", reason: null },
};

afterEach(cleanup);

async function renderView(list: DataflowEndpointList, level: "operator" | "reader") {
  signInAs(level);
  api.listDataflowEndpoints.mockImplementation(() => Promise.resolve(list));
  render(withQueryClient(testQueryClient(), <EndpointsView />));
  await screen.findByTestId(list.items.length ? "dataflow-endpoints-table" : "dataflow-endpoints-empty");
}

const rowOf = (name: string) => within(screen.getAllByTestId("dataflow-endpoint-row").find((r) => r.dataset.name === name)!);

describe("EndpointsView", () => {
  it("lists each endpoint: link, type with host type, host, method, synced secret link and sync state", async () => {
    await renderView(LIST, "operator");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent))
      .toEqual(["Name", "Type", "Host", "Authentication", "Synced secret", "Sync state", "Actions"]);
    expect(screen.getAllByTestId("dataflow-endpoint-row")).toHaveLength(6);

    const hub = rowOf("hub-1");
    expect(hub.getByTestId("dataflow-endpoint-link").getAttribute("href")).toBe("/dataflow-endpoints/hub-1");
    expect(hub.getByTestId("dataflow-endpoint-type").textContent).toBe("Kafka · Azure Event Hubs");
    expect(hub.getByTestId("dataflow-endpoint-host").textContent).toBe("ns-1.servicebus.windows.net:9093");
    expect(hub.getByTestId("dataflow-endpoint-auth").textContent).toBe("SASL");
    expect(hub.getByTestId("dataflow-endpoint-synced-secret-link").getAttribute("href")).toBe("/secrets?search=hub-1-secret");
    expect(hub.getByTestId("dataflow-endpoint-sync-state").dataset.state).toBe("synced");
    expect(hub.getByTestId("dataflow-endpoint-edit").getAttribute("href")).toBe("/dataflow-endpoints/hub-1");

    expect(rowOf("grid-1").getByTestId("dataflow-endpoint-type").textContent).toBe("MQTT · Azure Event Grid");
    expect(rowOf("grid-1").getByTestId("dataflow-endpoint-auth").textContent).toBe("System-assigned managed identity");
    expect(rowOf("grid-1").getByTestId("dataflow-endpoint-sync-state").textContent).toBe("No secrets");
    expect(rowOf("rti-1").getByTestId("dataflow-endpoint-type").textContent).toBe("Kafka · Microsoft Fabric Real-Time Intelligence");
    expect(rowOf("rti-1").getByTestId("dataflow-endpoint-sync-state-message").textContent).toBe("Key Vault secret 'rti-conn' was not found");
    expect(rowOf("lake-1").getByTestId("dataflow-endpoint-sync-state").dataset.state).toBe("syncing");
    expect(rowOf("lake-1").getByTestId("dataflow-endpoint-auth").textContent).toBe("Access token (SAS)");
    expect(rowOf("disk-1").queryByTestId("dataflow-endpoint-auth")).toBeNull();
  });

  it("shows AIO's default endpoint, editable and marked as built in (never deleted)", async () => {
    await renderView(LIST, "operator");
    const def = rowOf("default");
    expect(def.getByTestId("dataflow-endpoint-type").textContent).toBe("MQTT · Local MQTT broker");
    expect(def.getByTestId("dataflow-endpoint-builtin")).toBeTruthy();
    expect(def.getByTestId("dataflow-endpoint-edit").getAttribute("href")).toBe("/dataflow-endpoints/default");
    expect(screen.getAllByTestId("dataflow-endpoint-builtin")).toHaveLength(1);
    expect(screen.getAllByTestId("dataflow-endpoint-row").find((r) => r.dataset.name === "default")!.dataset.deletable).toBe("false");
  });

  it("filters by name, type label, host, method and synced secret", async () => {
    const user = userEvent.setup();
    await renderView(LIST, "reader");
    const search = screen.getByTestId("dataflow-endpoints-search");
    const names = () => screen.getAllByTestId("dataflow-endpoint-row").map((r) => r.dataset.name);
    await user.type(search, "event hubs");
    expect(names()).toEqual(["hub-1"]);
    await user.clear(search);
    await user.type(search, "fabric");
    expect(names()).toEqual(["rti-1"]);
    await user.clear(search);
    await user.type(search, "blob.core");
    expect(names()).toEqual(["lake-1"]);
    await user.clear(search);
    await user.type(search, "managed identity");
    expect(names()).toEqual(["grid-1"]);
    await user.clear(search);
    await user.type(search, "RTI-1-SECRET");
    expect(names()).toEqual(["rti-1"]);
    await user.clear(search);
    await user.type(search, "nothing-like-this");
    expect(screen.queryByTestId("dataflow-endpoints-table")).toBeNull();
    expect(screen.getByTestId("dataflow-endpoints-no-match-empty").textContent).toContain("No endpoints match “nothing-like-this”");
  });

  it("shows readers every endpoint without Create or Edit", async () => {
    await renderView(LIST, "reader");
    expect(screen.getAllByTestId("dataflow-endpoint-row")).toHaveLength(6);
    expect(screen.queryByTestId("dataflow-endpoint-create")).toBeNull();
    expect(screen.queryAllByTestId("dataflow-endpoint-edit")).toEqual([]);
    expect(screen.queryByRole("columnheader", { name: "Actions" })).toBeNull();
    expect(rowOf("hub-1").getByTestId("dataflow-endpoint-link").getAttribute("href")).toBe("/dataflow-endpoints/hub-1");
  });

  it("offers Create endpoint to operators, also on the empty list", async () => {
    await renderView({ ...LIST, items: [] }, "operator");
    expect(within(screen.getByTestId("dataflow-endpoints-empty")).getByTestId("dataflow-endpoint-create").getAttribute("href"))
      .toBe("/dataflow-endpoints/new");
    cleanup();
    await renderView({ ...LIST, items: [] }, "reader");
    expect(screen.queryByTestId("dataflow-endpoint-create")).toBeNull();
  });

  it("says when secret sync is not enabled, and why", async () => {
    await renderView({ ...LIST, secretSync: { enabled: false, defaultSecretProviderClass: null, reason: "The instance has no default SecretProviderClass" } }, "operator");
    expect(screen.getByTestId("dataflow-endpoints-secret-sync-disabled").textContent).toContain("The instance has no default SecretProviderClass");
  });

  it("shows a loading state, then the list error with Retry", async () => {
    signInAs("reader");
    let reject: (e: unknown) => void = () => {};
    api.listDataflowEndpoints.mockImplementation(() => new Promise((_, r) => { reject = r; }));
    render(withQueryClient(testQueryClient(), <EndpointsView />));
    expect(screen.getByTestId("dataflow-endpoints-loading")).toBeTruthy();
    reject(new ApiProblem({ status: 503, title: "Kubernetes unavailable", detail: "The cluster did not answer", errors: {}, requestId: "r1" }));
    expect((await screen.findByTestId("dataflow-endpoints-error-detail")).textContent).toBe("The cluster did not answer");
    expect(screen.getByTestId("dataflow-endpoints-retry")).toBeTruthy();
  });
});
