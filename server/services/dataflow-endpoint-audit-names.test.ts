import { describe, expect, it } from "vitest";
import { dataflowEndpointDeleteNames, dataflowEndpointSaveNames } from "./dataflow-endpoint-audit-names";

describe("data flow endpoint audit names", () => {
  it("a save names the endpoint, its synced secret and Key Vault secrets (the shared username one too), never a value", () => {
    const names = dataflowEndpointSaveNames({ name: "eh-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns.servicebus.windows.net:9093",
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "" }, syncedSecretName: "eh-1-sasl",
      batching: { mode: "Enabled", latencyMs: null, maxBytes: null, maxMessages: null },
      authentication: { method: "Sasl", saslType: "Plain", username: null,
        password: { source: "new", keyVaultSecretName: "eh-1-conn", value: "Endpoint=sb://sentinel" } } });
    expect(names).toEqual(["dataflowendpoints/eh-1", "secretsyncs/eh-1-sasl", "keyvault/secrets/ops-portal-eventhub-username",
      "keyvault/secrets/eh-1-conn"]);
    expect(JSON.stringify(names)).not.toContain("sentinel");
  });

  it("a method without a secret names the endpoint only; a delete names what goes with it", () => {
    expect(dataflowEndpointSaveNames({ name: "local", endpointType: "LocalStorage", persistentVolumeClaimRef: "pvc", syncedSecretName: "" }))
      .toEqual(["dataflowendpoints/local"]);
    expect(dataflowEndpointDeleteNames("kafka-1", ["kafka-1-sasl"])).toEqual(["dataflowendpoints/kafka-1", "secretsyncs/kafka-1-sasl"]);
  });
});
