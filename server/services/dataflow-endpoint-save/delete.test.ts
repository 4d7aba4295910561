import { describe, expect, it } from "vitest";
import { dataflowHarness, failure, putEndpoint, putSecretSync, writes } from "@/server/testing/dataflow-endpoint-save-fixtures";

const sasl = (secretRef: string) => ({ endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "k:9093",
  authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef } } } });

function arranged() {
  const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass"], objects: ["kafka-user", "kafka-pass"] });
  putSecretSync(h.cluster, "kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
  putSecretSync(h.cluster, "shared-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
  putEndpoint(h.cluster, "kafka-telemetry", sasl("kafka-sasl"));
  putEndpoint(h.cluster, "kafka-a", sasl("shared-sasl"));
  putEndpoint(h.cluster, "kafka-b", sasl("shared-sasl"));
  putEndpoint(h.cluster, "default", { endpointType: "Mqtt", hostType: "LocalBroker", mqttSettings: { host: "aio-broker:18883",
    authentication: { method: "ServiceAccountToken", serviceAccountTokenSettings: { audience: "aio-internal" } } } });
  return h;
}

describe("data flow endpoint delete", () => {
  it("plans: its synced secret is deletable when nothing else names it", async () => {
    const h = arranged();
    expect(await h.service.planDelete("kafka-telemetry")).toEqual({ endpoint: "kafka-telemetry",
      syncedSecrets: [{ name: "kafka-sasl", deletable: true, reason: null }] });
    expect(await h.service.planDelete("kafka-a")).toEqual({ endpoint: "kafka-a",
      syncedSecrets: [{ name: "shared-sasl", deletable: false, reason: "also used by data flow endpoint 'kafka-b'" }] });
  });

  it("deletes the endpoint (with preconditions) and the synced secret asked for; Key Vault is untouched", async () => {
    const h = arranged();
    const { touched } = await h.service.delete("kafka-telemetry", { deleteSyncedSecrets: ["kafka-sasl"] });
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")).toBeUndefined();
    expect(h.cluster.get("secretsyncs", "kafka-sasl")).toBeUndefined();
    expect(touched).toEqual(["dataflowendpoints/kafka-telemetry", "secretsyncs/kafka-sasl", "secretproviderclasses/spc-ops-test"]);
    expect(h.vault.calls.delete).toBe(0);
  });

  it("refuses a synced secret another endpoint uses, before deleting anything", async () => {
    const h = arranged();
    const err = await failure(h.service.delete("kafka-a", { deleteSyncedSecrets: ["shared-sasl"] }));
    expect(err).toMatchObject({ status: 409, errors: { deleteSyncedSecrets: ["Synced secret 'shared-sasl' cannot be deleted " +
      "with the data flow endpoint: also used by data flow endpoint 'kafka-b'"] } });
    expect(writes(h.cluster)).toEqual([]);
  });

  it("never deletes AIO's own default endpoint (409 with the reason), not even as a plan", async () => {
    const h = arranged();
    for (const call of [h.service.planDelete("default"), h.service.delete("default", { deleteSyncedSecrets: [] })]) {
      expect(await failure(call)).toMatchObject({ status: 409, detail: "'default' is Azure IoT Operations' own endpoint to the " +
        "local MQTT broker, which the instance's data flows use; it can be edited, never deleted." });
    }
    expect(h.cluster.get("dataflowendpoints", "default")).toBeDefined();
  });

  it("an endpoint changed since it was read: 409, nothing deleted", async () => {
    const h = arranged();
    h.cluster.beforeCall = (verb, plural) => {
      if (verb === "delete" && plural === "dataflowendpoints") {
        h.cluster.beforeCall = null;
        h.cluster.external("dataflowendpoints", "kafka-telemetry", (o) => o);
      }
    };
    const err = await failure(h.service.delete("kafka-telemetry", { deleteSyncedSecrets: ["kafka-sasl"] }));
    expect(err.status).toBe(409);
    expect(err.detail).toMatch(/^Deleting stopped at step 1 of 3 \(deleting the DataflowEndpoint\): Data flow endpoint 'kafka-telemetry' was changed/);
    expect(h.cluster.get("secretsyncs", "kafka-sasl")).toBeDefined();
  });
});
