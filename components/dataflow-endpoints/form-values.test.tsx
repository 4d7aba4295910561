import { describe, expect, it } from "vitest";
import type { DataflowEndpointForm, DataflowEndpointFormInput } from "@/lib/schemas/dataflow-endpoint-form";
import { KIND_CHOICES, kindOf } from "./endpoint-kinds";
import { blankAuthentication, followedSyncedSecretName, mergeRestored, requestValues, savedValues, valuesForKind } from "./form-values";

const EVENT_HUB: DataflowEndpointForm = {
  name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
  tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "" },
  batching: { mode: "Enabled", latencyMs: null, maxBytes: null, maxMessages: null },
  authentication: { method: "Sasl", saslType: "Plain", username: null, password: { source: "new", keyVaultSecretName: "hub-conn", value: "Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=hunter2" } },
  syncedSecretName: "hub-1-secret",
};

describe("data flow endpoint form values", () => {
  it("offers every kind once and finds a value set's kind", () => {
    expect(new Set(KIND_CHOICES.map((k) => k.id)).size).toBe(11);
    expect(kindOf({ endpointType: "Kafka", hostType: "FabricRT" })?.id).toBe("Kafka-FabricRT");
    expect(kindOf({ endpointType: "DataExplorer" })?.id).toBe("DataExplorer");
    expect(kindOf({ endpointType: "Kafka", hostType: "Nope" })).toBeNull();
  });

  it("starts each method with its defaults and no references", () => {
    expect(blankAuthentication("ServiceAccountToken", { endpointType: "Mqtt", hostType: "LocalBroker" })).toEqual({ method: "ServiceAccountToken", audience: "aio-internal" });
    expect(blankAuthentication("ServiceAccountToken", { endpointType: "OpenTelemetry" })).toEqual({ method: "ServiceAccountToken", audience: "" });
    expect(blankAuthentication("Sasl", { endpointType: "Kafka", hostType: "Eventhub" })).toMatchObject({ saslType: "Plain", username: null, password: null });
    expect(blankAuthentication("Sasl", { endpointType: "Kafka", hostType: "CustomKafka" })).toMatchObject({ saslType: "ScramSha512" });
    expect(blankAuthentication("AccessToken", { endpointType: "DataLakeStorage" })).toEqual({ method: "AccessToken", accessToken: null });
  });

  it("lets the synced secret name follow the endpoint name until it was edited", () => {
    expect(followedSyncedSecretName("", "", "hub-1")).toBe("hub-1-secret");
    expect(followedSyncedSecretName("hub-1-secret", "hub-1", "hub-2")).toBe("hub-2-secret");
    expect(followedSyncedSecretName("hub-1-secret", "hub-1", "")).toBe("");
    expect(followedSyncedSecretName("shared", "hub-1", "hub-2")).toBe("shared");
  });

  it("keeps the name and an edited synced secret name across a change of kind", () => {
    const v = valuesForKind({ endpointType: "Mqtt", hostType: "CustomMqtt" }, { name: "orders", syncedSecretName: "shared" });
    expect(v).toMatchObject({ name: "orders", endpointType: "Mqtt", hostType: "CustomMqtt", syncedSecretName: "shared" });
    expect(valuesForKind({ endpointType: "LocalStorage" }, { name: "disk", syncedSecretName: "" }).syncedSecretName).toBe("disk-secret");
  });

  it("turns new references into existing ones after a save (the value leaves the form)", () => {
    const saved = savedValues(EVENT_HUB) as Extract<DataflowEndpointFormInput, { endpointType: "Kafka" }>;
    expect(saved.authentication).toEqual({ method: "Sasl", saslType: "Plain", username: null, password: { source: "existing", keyVaultSecretName: "hub-conn" } });
    expect(JSON.stringify(saved)).not.toContain("hunter2");
  });

  it("sends no synced secret name when the method keeps no secret", () => {
    expect(requestValues(EVENT_HUB).syncedSecretName).toBe("hub-1-secret");
    expect(requestValues({ ...EVENT_HUB, authentication: { method: "Anonymous" } }).syncedSecretName).toBe("");
    expect(requestValues({ name: "disk", endpointType: "LocalStorage", persistentVolumeClaimRef: "pvc", syncedSecretName: "x" }).syncedSecretName).toBe("");
  });

  it("restores a create form's kind and non-secret fields, asking for the references again", () => {
    const blank = valuesForKind(KIND_CHOICES[0]!, null);
    const restored = mergeRestored(blank, {
      name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
      tls: { mode: "Disabled" }, batching: { latencyMs: 10, maxBytes: "lots" },
      authentication: { method: "Sasl", saslType: "Plain" },
    }, "create");
    expect(restored).toMatchObject({
      name: "hub-1", endpointType: "Kafka", hostType: "Eventhub", host: "ns-1.servicebus.windows.net:9093",
      tls: { mode: "Disabled" }, batching: { latencyMs: 10 }, syncedSecretName: "hub-1-secret",
      authentication: { method: "Sasl", saslType: "Plain", password: null },
    });
    expect((restored as { batching: Record<string, unknown> }).batching.maxBytes).toBeUndefined();
  });

  it("restores onto an edit form without changing its name, kind or loaded references", () => {
    const loaded = savedValues(EVENT_HUB);
    const restored = mergeRestored(loaded, { name: "other", endpointType: "Mqtt", host: "ns-2.servicebus.windows.net:9093",
      authentication: { method: "Sasl" } }, "edit");
    expect(restored).toMatchObject({ name: "hub-1", endpointType: "Kafka", host: "ns-2.servicebus.windows.net:9093", syncedSecretName: "hub-1-secret",
      authentication: { password: { source: "existing", keyVaultSecretName: "hub-conn" } } });
  });
});
