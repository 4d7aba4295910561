import { describe, expect, it } from "vitest";
import {
  createRequest, dataflowHarness, existing, KEY, KEY2, putEndpoint, putSecretSync, spcObjects, syncData, updateRequest, writes,
} from "@/server/testing/dataflow-endpoint-save-fixtures";

const LAST_USED = { "kafka-user": "2026-11-02T09:59:00.000Z", "kafka-pass": "2026-11-02T09:59:00.000Z" };
const KEY3 = "6f1d3f8e-3333-4a2b-9c3d-000000000003";

/** The seeded kafka-telemetry's shape: custom Kafka, SASL SCRAM-SHA-512 from the portal's synced secret kafka-sasl. */
function kafkaTelemetry(o: { sharedWith?: string } = {}) {
  const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass"], objects: ["kafka-user", "kafka-pass"], lastUsed: LAST_USED });
  putSecretSync(h.cluster, "kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
  const spec = { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "kafka.contoso.example:9093",
    authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: "kafka-sasl" } }, tls: { mode: "Enabled" } } };
  const stored = putEndpoint(h.cluster, "kafka-telemetry", spec);
  if (o.sharedWith) putEndpoint(h.cluster, o.sharedWith, spec);
  return { h, resourceVersion: stored.metadata.resourceVersion! };
}

const form = (authentication: Record<string, unknown>, o: Record<string, unknown> = {}) => ({ name: "kafka-telemetry",
  endpointType: "Kafka", hostType: "CustomKafka", host: "kafka.contoso.example:9093", tls: { mode: "Enabled" },
  syncedSecretName: "", authentication, ...o });

describe("data flow endpoint save: switching away from a method with a secret", () => {
  it("SASL to managed identity: the reference goes, its SecretSync is deleted whole, SPC objects wait for the grace period, Key Vault is untouched", async () => {
    const { h, resourceVersion } = kafkaTelemetry();
    const saved = await h.service.save(await updateRequest(form({ method: "SystemAssignedManagedIdentity" }), resourceVersion, KEY),
      { dryRun: false });
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")!.spec!.kafkaSettings).toEqual({ host: "kafka.contoso.example:9093",
      authentication: { method: "SystemAssignedManagedIdentity", systemAssignedManagedIdentitySettings: {} }, tls: { mode: "Enabled" } });
    expect(h.cluster.get("secretsyncs", "kafka-sasl")).toBeUndefined();
    expect(saved.result.plan.secretSyncs).toMatchObject([{ name: "kafka-sasl", action: "delete", keysRemoved: ["username", "password"] }]);
    // The SPC's objects were marked used a minute ago (fresh): no SPC write; the SecretSync goes last.
    expect(writes(h.cluster)).toEqual(["replace dataflowendpoints/kafka-telemetry", "delete secretsyncs/kafka-sasl"]);
    // Unmapped now, but used a minute ago: kept until the grace period has passed.
    expect(spcObjects(h.cluster)).toEqual(["kafka-user", "kafka-pass"]);
    expect(h.vault.calls.set + h.vault.calls.delete).toBe(0);

    h.now.value = new Date("2026-11-02T10:11:00.000Z");
    const later = await h.service.save(await updateRequest(form({ method: "SystemAssignedManagedIdentity" }),
      h.cluster.get("dataflowendpoints", "kafka-telemetry")!.metadata.resourceVersion!, KEY2), { dryRun: false });
    expect(later.result.plan.secretProviderClass.objectsToRemove).toEqual(["kafka-user", "kafka-pass"]);
    expect(spcObjects(h.cluster)).toEqual([]);
    expect(await h.vault.getSecretProperties("kafka-pass")).toMatchObject({ enabled: true });
  });

  it("a synced secret another endpoint still names is left as it is", async () => {
    const { h, resourceVersion } = kafkaTelemetry({ sharedWith: "kafka-alarms" });
    const saved = await h.service.save(await updateRequest(form({ method: "Anonymous" }), resourceVersion, KEY), { dryRun: false });
    expect(syncData(h.cluster, "kafka-sasl")).toEqual([["kafka-user", "username"], ["kafka-pass", "password"]]);
    expect(saved.result.plan.secretSyncs).toEqual([]);
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")!.spec!.kafkaSettings).toMatchObject({
      authentication: { method: "Anonymous" } });
  });

  it("another synced secret name: the new one is created, the old one released", async () => {
    const { h, resourceVersion } = kafkaTelemetry();
    await h.service.save(await updateRequest(form({ method: "Sasl", saslType: "ScramSha512", username: existing("kafka-user"),
      password: existing("kafka-pass") }, { syncedSecretName: "kafka-telemetry-sasl" }), resourceVersion, KEY), { dryRun: false });
    expect(syncData(h.cluster, "kafka-telemetry-sasl")).toEqual([["kafka-user", "username"], ["kafka-pass", "password"]]);
    expect(h.cluster.get("secretsyncs", "kafka-sasl")).toBeUndefined();
  });

  it("SASL to X.509 on the same synced secret: the method's keys replace the old ones (the secret is the endpoint's alone)", async () => {
    const { h, resourceVersion } = kafkaTelemetry();
    h.vault.external.set("client-cert");
    h.vault.external.set("client-key");
    await h.service.save(await updateRequest(form({ method: "X509Certificate", certificate: existing("client-cert"),
      key: existing("client-key") }, { syncedSecretName: "kafka-sasl" }), resourceVersion, KEY), { dryRun: false });
    expect(syncData(h.cluster, "kafka-sasl")).toEqual([["client-cert", "client_cert.pem"], ["client-key", "client_key.pem"]]);
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")!.spec!.kafkaSettings).toMatchObject({
      authentication: { method: "X509Certificate", x509CertificateSettings: { secretRef: "kafka-sasl" } } });
  });

  it("dropping the intermediate certificates removes that key; a key another endpoint adds to a shared secret is kept", async () => {
    const h = dataflowHarness({ vaultNames: ["client-cert", "client-key", "chain"] });
    const x509 = (name: string, intermediate: boolean) => ({ name, endpointType: "Mqtt", hostType: "CustomMqtt",
      host: "mqtt.contoso.example:8883", tls: { mode: "Enabled" }, syncedSecretName: "plant-x509", authentication: {
        method: "X509Certificate", certificate: existing("client-cert"), key: existing("client-key"),
        intermediateCertificates: intermediate ? existing("chain") : null } });
    await h.service.save(await createRequest(x509("plant-mqtt", true), KEY), { dryRun: false });
    expect(syncData(h.cluster, "plant-x509")?.map(([, k]) => k)).toEqual(["client_cert.pem", "client_key.pem", "client_intermediate_certs.pem"]);
    await h.service.save(await createRequest(x509("plant-mqtt-2", false), KEY2), { dryRun: false });
    expect(syncData(h.cluster, "plant-x509")).toHaveLength(3);   // shared: plant-mqtt still uses the chain

    // Once plant-mqtt is gone, plant-mqtt-2 has the synced secret alone: its save trims it to its own keys.
    const rv = h.cluster.get("dataflowendpoints", "plant-mqtt-2")!.metadata.resourceVersion!;
    h.cluster.remove("dataflowendpoints", "plant-mqtt");
    await h.service.save(await updateRequest(x509("plant-mqtt-2", false), rv, KEY3), { dryRun: false });
    expect(syncData(h.cluster, "plant-x509")?.map(([, k]) => k)).toEqual(["client_cert.pem", "client_key.pem"]);
  });
});

describe("data flow endpoint save: keeping fields the form does not show", () => {
  it("keeps settings of the block and of the method, and a field of a newer API version; changing type drops the old block", async () => {
    const { h } = kafkaTelemetry();
    const stored = h.cluster.external("dataflowendpoints", "kafka-telemetry", (o) => ({ ...o, spec: { ...o.spec,
      kafkaSettings: { ...(o.spec!.kafkaSettings as object), compression: "Gzip", kafkaAcks: "All", consumerGroupId: "aio",
        batching: { mode: "Enabled", latencyMs: 10 },
        authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: "kafka-sasl", futureOption: true } } } } }));
    await h.service.save(await updateRequest(form({ method: "Sasl", saslType: "ScramSha256", username: existing("kafka-user"),
      password: existing("kafka-pass") }, { syncedSecretName: "kafka-sasl", batching: { mode: "Enabled", latencyMs: 10, maxBytes: 2048, maxMessages: null } }),
    stored.metadata.resourceVersion!, KEY), { dryRun: false });
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")!.spec).toEqual({ endpointType: "Kafka", hostType: "CustomKafka",
      kafkaSettings: { host: "kafka.contoso.example:9093", tls: { mode: "Enabled" }, compression: "Gzip", kafkaAcks: "All",
        consumerGroupId: "aio", batching: { mode: "Enabled", latencyMs: 10, maxBytes: 2048 },
        authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha256", secretRef: "kafka-sasl", futureOption: true } } } });

    const rv = h.cluster.get("dataflowendpoints", "kafka-telemetry")!.metadata.resourceVersion!;
    await h.service.save(await updateRequest({ name: "kafka-telemetry", endpointType: "Mqtt", hostType: "CustomMqtt",
      host: "mqtt.contoso.example:8883", tls: { mode: "Enabled" }, authentication: { method: "Anonymous" } }, rv, KEY2), { dryRun: false });
    expect(h.cluster.get("dataflowendpoints", "kafka-telemetry")!.spec).toEqual({ endpointType: "Mqtt", hostType: "CustomMqtt",
      mqttSettings: { host: "mqtt.contoso.example:8883", tls: { mode: "Enabled" }, authentication: { method: "Anonymous" } } });
    expect(h.cluster.get("secretsyncs", "kafka-sasl")).toBeUndefined();
  });

  it("a save that changes nothing writes the endpoint's save-id and the SecretSync's, and nothing else changes", async () => {
    const { h, resourceVersion } = kafkaTelemetry();
    const saved = await h.service.save(await updateRequest(form({ method: "Sasl", saslType: "ScramSha512", username: existing("kafka-user"),
      password: existing("kafka-pass") }, { syncedSecretName: "kafka-sasl" }), resourceVersion, KEY), { dryRun: false });
    expect(saved.result.plan.secretSyncs).toMatchObject([{ name: "kafka-sasl", action: "unchanged" }]);
    expect(syncData(h.cluster, "kafka-sasl")).toEqual([["kafka-user", "username"], ["kafka-pass", "password"]]);
    expect(h.cluster.get("secretsyncs", "kafka-sasl")!.metadata.annotations?.["ops-portal.azure.com/save-id"]).toBe(KEY);
  });
});
