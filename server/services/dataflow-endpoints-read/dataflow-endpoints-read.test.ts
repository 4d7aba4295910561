import { describe, expect, it } from "vitest";
import { createDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";
import { createDataflowEndpointsReadService } from "@/server/services/dataflow-endpoints-read";
import { SAVE_CASES } from "@/server/testing/dataflow-endpoint-cases";
import {
  createRequest, dataflowHarness, KEY, putEndpoint, putSecretSync,
} from "@/server/testing/dataflow-endpoint-save-fixtures";

/** The form's values as the edit form gets them back: every new reference an existing one, no value. */
function asLoaded(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(asLoaded);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o.source === "new") return { source: "existing", keyVaultSecretName: o.keyVaultSecretName };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, asLoaded(x)]));
}

describe.each(SAVE_CASES)("data flow endpoint detail after a save: $title", (c) => {
  it("answers the form's values as saved, references as Key Vault names", async () => {
    const h = dataflowHarness({ vaultNames: c.vaultNames });
    const body = await c.body();
    await h.service.save(await createRequest(body, KEY), { dryRun: false });
    const { idempotencyKey: _key, ...form } = await createDataflowEndpointBody.parseAsync({ ...body, idempotencyKey: KEY });
    const detail = await createDataflowEndpointsReadService({ kube: h.cluster.kube }).detail(String(body.name));
    expect(detail.values).toEqual(asLoaded(form));
    expect(detail).toMatchObject({ notEditable: null, unresolved: [], deletable: true, deleteRefusal: null });
    expect(JSON.stringify(detail)).not.toContain("\"value\"");
  });
});

describe("data flow endpoints list and detail", () => {
  function arranged() {
    const h = dataflowHarness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putEndpoint(h.cluster, "default", { endpointType: "Mqtt", hostType: "LocalBroker", mqttSettings: { host: "aio-broker:18883",
      authentication: { method: "ServiceAccountToken", serviceAccountTokenSettings: { audience: "aio-internal" } },
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "azure-iot-operations-aio-ca-trust-bundle" } } });
    putEndpoint(h.cluster, "kafka-telemetry", { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: {
      host: "kafka.contoso.example:9093", authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: "kafka-sasl" } },
      tls: { mode: "Enabled" } } });
    putEndpoint(h.cluster, "adls-archive", { endpointType: "DataLakeStorage", dataLakeStorageSettings: {
      host: "https://aiodemoarchive.blob.core.windows.net", authentication: { method: "AccessToken", accessTokenSettings: { secretRef: "adls-gone" } } } });
    return { h, read: createDataflowEndpointsReadService({ kube: h.cluster.kube, now: () => h.now.value }) };
  }

  it("lists one row per endpoint with its type, host, method, synced secret and sync state", async () => {
    const { read } = arranged();
    const list = await read.list();
    expect(list.secretSync).toEqual({ enabled: true, defaultSecretProviderClass: "spc-ops-test", reason: null });
    expect(list.items).toEqual([
      { name: "adls-archive", endpointType: "DataLakeStorage", hostType: null, typeLabel: "Azure Data Lake Storage Gen2",
        host: "https://aiodemoarchive.blob.core.windows.net", authenticationMethod: "AccessToken", syncedSecretName: "adls-gone",
        sync: { state: "missing" }, deletable: true },
      { name: "default", endpointType: "Mqtt", hostType: "LocalBroker", typeLabel: "MQTT · Local MQTT broker", host: "aio-broker:18883",
        authenticationMethod: "ServiceAccountToken", syncedSecretName: null, sync: null, deletable: false },
      { name: "kafka-telemetry", endpointType: "Kafka", hostType: "CustomKafka", typeLabel: "Kafka · Custom Kafka broker",
        host: "kafka.contoso.example:9093", authenticationMethod: "Sasl", syncedSecretName: "kafka-sasl",
        sync: expect.objectContaining({ state: "syncing" }), deletable: true },
    ]);
  });

  it("AIO's default endpoint: editable, not deletable, with the reason", async () => {
    const { read } = arranged();
    expect(await read.detail("default")).toMatchObject({ deletable: false, notEditable: null,
      deleteRefusal: expect.stringContaining("it can be edited, never deleted"),
      values: { endpointType: "Mqtt", hostType: "LocalBroker", host: "aio-broker:18883",
        authentication: { method: "ServiceAccountToken", audience: "aio-internal" } } });
  });

  it("a synced secret that does not exist leaves the reference empty and says why", async () => {
    const { read } = arranged();
    const detail = await read.detail("adls-archive");
    expect(detail.values).toMatchObject({ syncedSecretName: "adls-gone", authentication: { method: "AccessToken", accessToken: null } });
    expect(detail.unresolved).toEqual([{ field: "accessToken", reference: "adls-gone/accessToken",
      reason: "Synced secret 'adls-gone' does not exist" }]);
  });

  it("a method the form does not offer for the type is not editable, in words", async () => {
    const { h, read } = arranged();
    putEndpoint(h.cluster, "odd", { endpointType: "DataExplorer", dataExplorerSettings: { host: "https://a.kusto.windows.net",
      database: "db", authentication: { method: "AccessToken" } } });
    expect((await read.detail("odd")).notEditable).toBe("The form does not offer the authentication method 'AccessToken' for DataExplorer endpoints");
  });
});
