import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EVENT_HUB_USERNAME_VAULT_SECRET } from "@/lib/schemas/dataflow-endpoint-form";
import { methodsOffered, renderEndpointForm, secretFields, shown, valueOf } from "./testing/render-form";

vi.mock("@/lib/api/dataflow-endpoints", () => ({ createDataflowEndpoint: vi.fn(), updateDataflowEndpoint: vi.fn() }));
vi.mock("@/components/secret-reference/secret-field", () => import("./testing/secret-field-stub"));

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

/** Every settings field any kind shows: each kind shows its own and none of the others. */
const SETTINGS = [
  "host", "database", "workspace", "lakehouse", "path-type", "pvc", "tls-mode", "tls-ca", "batching-mode",
  "batching-latency-ms", "batching-max-bytes", "batching-latency-seconds", "batching-max-messages",
  "authentication", "synced-secret-name", "connection-string-note",
].map((f) => `dataflow-endpoint-${f}`);
const only = (...fields: string[]) => fields.map((f) => `dataflow-endpoint-${f}`);

const KAFKA_BATCHING = ["batching-mode", "batching-latency-ms", "batching-max-bytes", "batching-max-messages"];
const SECONDS_BATCHING = ["batching-latency-seconds", "batching-max-messages"];

interface KindCase {
  kind: string;
  settings: string[];
  methods: string[];
  method: string;
  secrets: string[];
  /** Values filled in from the kind's defaults (test id → value). */
  values: Record<string, string>;
  hostPlaceholder?: string;
}

const KINDS: KindCase[] = [
  {
    kind: "Mqtt-LocalBroker", settings: ["host", "tls-mode", "tls-ca", "authentication"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "ServiceAccountToken", "X509Certificate", "Anonymous"],
    method: "ServiceAccountToken", secrets: [],
    values: { "dataflow-endpoint-host": "aio-broker:18883", "dataflow-endpoint-tls-mode": "Enabled",
      "dataflow-endpoint-tls-ca": "azure-iot-operations-aio-ca-trust-bundle", "dataflow-endpoint-audience": "aio-internal" },
  },
  {
    kind: "Mqtt-EventGrid", settings: ["host", "tls-mode", "tls-ca", "authentication"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "ServiceAccountToken", "X509Certificate", "Anonymous"],
    method: "SystemAssignedManagedIdentity", secrets: [],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-tls-mode": "Enabled", "dataflow-endpoint-audience": "" },
    hostPlaceholder: "<namespace>.<region>-1.ts.eventgrid.azure.net:8883",
  },
  {
    kind: "Mqtt-CustomMqtt", settings: ["host", "tls-mode", "tls-ca", "authentication", "synced-secret-name"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "ServiceAccountToken", "X509Certificate", "Anonymous"],
    method: "X509Certificate", secrets: ["certificate", "key", "intermediateCertificates"],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-tls-mode": "Enabled" },
    hostPlaceholder: "mqtt.contoso.example:8883",
  },
  {
    kind: "Kafka-Eventhub", settings: ["host", "tls-mode", "tls-ca", ...KAFKA_BATCHING, "authentication", "synced-secret-name", "connection-string-note"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "Sasl", "X509Certificate", "Anonymous"],
    method: "Sasl", secrets: ["password"],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-tls-mode": "Enabled", "dataflow-endpoint-batching-mode": "Enabled",
      "dataflow-endpoint-batching-latency-ms": "" },
    hostPlaceholder: "<namespace>.servicebus.windows.net:9093",
  },
  {
    kind: "Kafka-FabricRT", settings: ["host", "tls-mode", "tls-ca", ...KAFKA_BATCHING, "authentication", "synced-secret-name", "connection-string-note"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "Sasl", "X509Certificate", "Anonymous"],
    method: "Sasl", secrets: ["password"],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-tls-mode": "Enabled" },
    hostPlaceholder: "<eventstream-namespace>.servicebus.windows.net:9093",
  },
  {
    kind: "Kafka-CustomKafka", settings: ["host", "tls-mode", "tls-ca", ...KAFKA_BATCHING, "authentication", "synced-secret-name"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "Sasl", "X509Certificate", "Anonymous"],
    method: "Sasl", secrets: ["username", "password"],
    values: { "dataflow-endpoint-sasl-type": "ScramSha512" },
    hostPlaceholder: "kafka.contoso.example:9093",
  },
  {
    kind: "DataExplorer", settings: ["host", "database", ...SECONDS_BATCHING, "authentication"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity"],
    method: "SystemAssignedManagedIdentity", secrets: [],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-database": "", "dataflow-endpoint-batching-latency-seconds": "" },
    hostPlaceholder: "https://<cluster>.<region>.kusto.windows.net",
  },
  {
    kind: "DataLakeStorage", settings: ["host", ...SECONDS_BATCHING, "authentication"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "AccessToken"],
    method: "SystemAssignedManagedIdentity", secrets: [],
    values: { "dataflow-endpoint-host": "" },
    hostPlaceholder: "https://<account>.blob.core.windows.net",
  },
  {
    kind: "FabricOneLake", settings: ["host", "workspace", "lakehouse", "path-type", ...SECONDS_BATCHING, "authentication"],
    methods: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity"],
    method: "SystemAssignedManagedIdentity", secrets: [],
    values: { "dataflow-endpoint-host": "https://onelake.dfs.fabric.microsoft.com", "dataflow-endpoint-workspace": "", "dataflow-endpoint-lakehouse": "" },
  },
  {
    kind: "OpenTelemetry", settings: ["host", "tls-mode", "tls-ca", ...SECONDS_BATCHING, "authentication"],
    methods: ["ServiceAccountToken", "X509Certificate", "Anonymous"],
    method: "Anonymous", secrets: [],
    values: { "dataflow-endpoint-host": "", "dataflow-endpoint-tls-mode": "Enabled" },
    hostPlaceholder: "otel-collector.monitoring.svc.cluster.local:4317",
  },
  { kind: "LocalStorage", settings: ["pvc"], methods: [], method: "", secrets: [], values: { "dataflow-endpoint-pvc": "" } },
];

describe("EndpointForm: the type comes first", () => {
  it("shows only the type chooser until a type is chosen, with Save and Review disabled", () => {
    renderEndpointForm();
    expect(screen.getByTestId("dataflow-endpoint-kind")).toBeTruthy();
    expect(screen.getByTestId("dataflow-endpoint-choose-kind")).toBeTruthy();
    expect(screen.queryByTestId("dataflow-endpoint-name")).toBeNull();
    expect(shown(SETTINGS)).toEqual([]);
    expect(screen.getByTestId("dataflow-endpoint-save")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("dataflow-endpoint-review")).toHaveProperty("disabled", true);
    // Every kind the portal offers, in its groups.
    expect(within(screen.getByTestId("dataflow-endpoint-kind")).getAllByRole("radio").map((r) => r.dataset.testid))
      .toEqual(KINDS.map((k) => `dataflow-endpoint-kind-${k.kind}`).sort((a, b) => order(a) - order(b)));
  });

  it.each(KINDS)("$kind: shows its settings and no others, its methods, and its defaults", async (c) => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId(`dataflow-endpoint-kind-${c.kind}`));
    expect(screen.getByTestId("dataflow-endpoint-form").dataset.endpointType).toBe(c.kind.split("-")[0]);
    expect(screen.getByTestId("dataflow-endpoint-name")).toBeTruthy();
    expect(shown(SETTINGS).sort()).toEqual(only(...c.settings).sort());
    expect(methodsOffered()).toEqual(c.methods);
    if (c.method) {
      expect(screen.getByTestId(`dataflow-endpoint-auth-${c.method}`)).toHaveProperty("checked", true);
      expect(screen.getByTestId("dataflow-endpoint-authentication").dataset.method).toBe(c.method);
    }
    expect(secretFields()).toEqual(c.secrets);
    for (const [id, value] of Object.entries(c.values)) expect(valueOf(id), id).toBe(value);
    if (c.hostPlaceholder) expect(screen.getByTestId("dataflow-endpoint-host").getAttribute("placeholder")).toBe(c.hostPlaceholder);
  });

  it("keeps the name and synced secret name when the type changes, and drops the other type's fields", async () => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-CustomKafka"));
    await user.type(screen.getByTestId("dataflow-endpoint-name"), "orders");
    await user.type(screen.getByTestId("dataflow-endpoint-host"), "kafka.contoso.example:9093");
    await user.click(screen.getByRole("button", { name: "Create Password" }));
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Mqtt-CustomMqtt"));
    expect(valueOf("dataflow-endpoint-name")).toBe("orders");
    expect(valueOf("dataflow-endpoint-synced-secret-name")).toBe("orders-secret");
    expect(valueOf("dataflow-endpoint-host")).toBe("");
    expect(screen.getAllByTestId("secret-field").map((f) => f.dataset.source)).toEqual(["none", "none", "none"]);
  });
});

describe("EndpointForm: each method shows only its fields", () => {
  const AUTH_FIELDS = ["audience", "client-id", "tenant-id", "scope", "sasl-type", "sasl-type-fixed", "connection-string-note",
    "access-token-note", "auth-anonymous-note", "synced-secret-name"].map((f) => `dataflow-endpoint-${f}`);

  const METHOD_CASES: { kind: string; method: string; fields: string[]; secrets: string[] }[] = [
    { kind: "Mqtt-CustomMqtt", method: "SystemAssignedManagedIdentity", fields: ["audience"], secrets: [] },
    { kind: "Mqtt-CustomMqtt", method: "UserAssignedManagedIdentity", fields: ["client-id", "tenant-id", "scope"], secrets: [] },
    { kind: "Mqtt-CustomMqtt", method: "ServiceAccountToken", fields: ["audience"], secrets: [] },
    { kind: "Mqtt-CustomMqtt", method: "X509Certificate", fields: ["synced-secret-name"], secrets: ["certificate", "key", "intermediateCertificates"] },
    { kind: "Mqtt-CustomMqtt", method: "Anonymous", fields: ["auth-anonymous-note"], secrets: [] },
    { kind: "Mqtt-EventGrid", method: "X509Certificate", fields: ["synced-secret-name"], secrets: ["certificate", "key", "intermediateCertificates"] },
    { kind: "Mqtt-LocalBroker", method: "X509Certificate", fields: ["synced-secret-name"], secrets: ["certificate", "key", "intermediateCertificates"] },
    { kind: "Kafka-Eventhub", method: "Sasl", fields: ["sasl-type-fixed", "connection-string-note", "synced-secret-name"], secrets: ["password"] },
    { kind: "Kafka-Eventhub", method: "UserAssignedManagedIdentity", fields: ["client-id", "tenant-id", "scope"], secrets: [] },
    { kind: "Kafka-Eventhub", method: "SystemAssignedManagedIdentity", fields: ["audience"], secrets: [] },
    { kind: "Kafka-FabricRT", method: "Sasl", fields: ["sasl-type-fixed", "connection-string-note", "synced-secret-name"], secrets: ["password"] },
    { kind: "Kafka-CustomKafka", method: "Sasl", fields: ["sasl-type", "synced-secret-name"], secrets: ["username", "password"] },
    { kind: "Kafka-CustomKafka", method: "X509Certificate", fields: ["synced-secret-name"], secrets: ["certificate", "key", "intermediateCertificates"] },
    { kind: "Kafka-CustomKafka", method: "Anonymous", fields: ["auth-anonymous-note"], secrets: [] },
    { kind: "DataExplorer", method: "UserAssignedManagedIdentity", fields: ["client-id", "tenant-id", "scope"], secrets: [] },
    { kind: "DataLakeStorage", method: "AccessToken", fields: ["access-token-note", "synced-secret-name"], secrets: ["accessToken"] },
    { kind: "DataLakeStorage", method: "UserAssignedManagedIdentity", fields: ["client-id", "tenant-id", "scope"], secrets: [] },
    { kind: "FabricOneLake", method: "UserAssignedManagedIdentity", fields: ["client-id", "tenant-id", "scope"], secrets: [] },
    { kind: "OpenTelemetry", method: "ServiceAccountToken", fields: ["audience"], secrets: [] },
    { kind: "OpenTelemetry", method: "X509Certificate", fields: ["synced-secret-name"], secrets: ["certificate", "key", "intermediateCertificates"] },
  ];

  it.each(METHOD_CASES)("$kind, $method", async (c) => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId(`dataflow-endpoint-kind-${c.kind}`));
    // Through another method first: switching empties the method's fields.
    const other = methodsOffered().find((m) => m !== c.method)!;
    await user.click(screen.getByTestId(`dataflow-endpoint-auth-${other}`));
    await user.click(screen.getByTestId(`dataflow-endpoint-auth-${c.method}`));
    expect(shown(AUTH_FIELDS).sort()).toEqual(only(...c.fields).sort());
    expect(secretFields()).toEqual(c.secrets);
  });

  it("explains the Event Hubs username and asks only for the connection string", async () => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-Eventhub"));
    const note = screen.getByTestId("dataflow-endpoint-connection-string-note");
    expect(note.textContent).toContain("$ConnectionString");
    expect(note.textContent).toContain(EVENT_HUB_USERNAME_VAULT_SECRET);
    expect(note.textContent).toContain("Azure Event Hubs takes SASL Plain");
    expect(note.textContent).toContain("add a reference for the connection string only");
    expect(screen.getByTestId("dataflow-endpoint-sasl-type-fixed").textContent).toBe("Plain");
    expect(screen.queryByTestId("dataflow-endpoint-sasl-type")).toBeNull();
    const [password] = screen.getAllByTestId("secret-field");
    expect(password!.dataset.label).toBe("Connection string");
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-FabricRT"));
    expect(screen.getByTestId("dataflow-endpoint-connection-string-note").textContent)
      .toContain("Microsoft Fabric Real-Time Intelligence takes SASL Plain");
  });

  it("lets the synced secret name follow the endpoint's name until it is edited", async () => {
    const { user } = renderEndpointForm();
    await user.click(screen.getByTestId("dataflow-endpoint-kind-Kafka-Eventhub"));
    const synced = screen.getByTestId("dataflow-endpoint-synced-secret-name");
    expect(synced).toHaveProperty("value", "");
    await user.type(screen.getByTestId("dataflow-endpoint-name"), "hub-1");
    expect(synced).toHaveProperty("value", "hub-1-secret");
    await user.clear(synced);
    await user.type(synced, "shared-hub-secret");
    await user.type(screen.getByTestId("dataflow-endpoint-name"), "0");
    expect(synced).toHaveProperty("value", "shared-hub-secret");
  });
});

/** Chooser order: the groups' order (MQTT, Kafka, storage and analytics, observability). */
function order(id: string): number {
  const ORDER = ["Mqtt-LocalBroker", "Mqtt-EventGrid", "Mqtt-CustomMqtt", "Kafka-Eventhub", "Kafka-FabricRT", "Kafka-CustomKafka",
    "DataExplorer", "DataLakeStorage", "FabricOneLake", "LocalStorage", "OpenTelemetry"];
  return ORDER.indexOf(id.replace("dataflow-endpoint-kind-", ""));
}
