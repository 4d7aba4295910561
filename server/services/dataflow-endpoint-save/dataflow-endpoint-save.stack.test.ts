import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyVaultSecretsAdapter } from "@/server/adapters/key-vault";
import type { KubeAdapter } from "@/server/adapters/kube";
import { startLocalCluster, type LocalCluster } from "@/server/adapters/kube/testing/local-cluster";
import { AppError } from "@/server/errors";
import { createDataflowEndpointSaveService, type DataflowEndpointSaveService } from "@/server/services/dataflow-endpoint-save";
import { createDataflowEndpointsReadService } from "@/server/services/dataflow-endpoints-read";
import { CONNECTION_STRING, SAVE_CASES } from "@/server/testing/dataflow-endpoint-cases";
import { createRequest, expectedEndpoint, updateRequest } from "@/server/testing/dataflow-endpoint-save-fixtures";

const DFE = { group: "connectivity.iotoperations.azure.com", version: "v1", plural: "dataflowendpoints" };

let cluster: LocalCluster;
let kube: KubeAdapter;
let vault: KeyVaultSecretsAdapter;
let service: DataflowEndpointSaveService;

beforeAll(async () => {
  cluster = await startLocalCluster();
  kube = cluster.adapter();
  vault = cluster.vault();
  service = createDataflowEndpointSaveService({ kube, vault, graceSeconds: 600 });
  for (const name of new Set(SAVE_CASES.flatMap((c) => c.vaultNames))) await vault.setSecretOnce({ name, value: `stack-${name}` });
});
afterAll(() => cluster?.stop());

const key = (i: number) => `5c1e7a2b-3d4f-4e5a-8b6c-${String(i).padStart(12, "0")}`;

async function stored(name: string): Promise<Record<string, unknown>> {
  const o = await cluster.raw.custom.getNamespacedCustomObject({ ...DFE, namespace: cluster.namespace, name }) as
    { apiVersion: string; kind: string; metadata: { name: string }; spec: unknown };
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name }, spec: o.spec };
}

/** The synced Kubernetes Secret's data once the sync controller stand-in has written every key (values decoded). */
async function syncedSecret(name: string, keys: number): Promise<Record<string, string>> {
  for (let i = 0; i < 100; i++) {
    const s = await cluster.raw.core.readNamespacedSecret({ namespace: cluster.namespace, name }).catch(() => null);
    const data = s?.data ?? {};
    if (Object.keys(data).length >= keys) {
      return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Secret '${name}' never got ${keys} keys`);
}

describe("data flow endpoint save against the local stack (the stand-in refuses unknown fields: Strict)", () => {
  it.each(SAVE_CASES.map((c, i) => [c.title, c, i] as const))("%s: the endpoint as the fixture, and the synced secret's keys", async (_t, c, i) => {
    await service.save(await createRequest(await c.body(), key(i)), { dryRun: false });
    const expected = expectedEndpoint(c.fixture);
    expect(await stored((expected.metadata as { name: string }).name)).toEqual(expected);
    if (c.secret) {
      const sync = await kube.secretSyncs.get(c.secret.name);
      expect(Object.fromEntries(sync.data.map((m) => [m.targetKey, m.sourcePath]))).toEqual(c.secret.keys);
      expect(Object.keys(await syncedSecret(c.secret.name, Object.keys(c.secret.keys).length)).sort())
        .toEqual(Object.keys(c.secret.keys).sort());
    }
  });

  it("Event Hubs: the synced Secret holds username $ConnectionString and the connection string as password", async () => {
    expect(await syncedSecret("eh-telemetry-sasl", 2)).toEqual({ username: "$ConnectionString", password: CONNECTION_STRING });
  });

  it("settings added to the seeded kafka-telemetry by a direct cluster write, which the form does not show, survive a save", async () => {
    const current = await cluster.raw.custom.getNamespacedCustomObject({ ...DFE, namespace: cluster.namespace, name: "kafka-telemetry" }) as
      { spec: { kafkaSettings: Record<string, unknown> } };
    await cluster.raw.custom.replaceNamespacedCustomObject({ ...DFE, namespace: cluster.namespace, name: "kafka-telemetry",
      fieldValidation: "Strict", body: { ...current, spec: { ...current.spec, kafkaSettings: { ...current.spec.kafkaSettings,
        compression: "Gzip", kafkaAcks: "All", partitionStrategy: "Property", consumerGroupId: "aio-telemetry",
        copyMqttProperties: "Enabled" } } } });

    const read = createDataflowEndpointsReadService({ kube });
    const detail = await read.detail("kafka-telemetry");
    expect(detail.notEditable).toBeNull();
    const values = { ...detail.values, host: "kafka-2.contoso.example:9093" } as Record<string, unknown>;
    await service.save(await updateRequest(values, detail.resourceVersion, key(100)), { dryRun: false });

    const after = (await stored("kafka-telemetry")).spec as { kafkaSettings: Record<string, unknown> };
    expect(after.kafkaSettings).toMatchObject({ host: "kafka-2.contoso.example:9093", compression: "Gzip", kafkaAcks: "All",
      partitionStrategy: "Property", consumerGroupId: "aio-telemetry", copyMqttProperties: "Enabled",
      authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: "kafka-sasl" } } });
  });

  it("AIO's default endpoint can be edited (its values saved back), never deleted", async () => {
    const detail = await createDataflowEndpointsReadService({ kube }).detail("default");
    const before = await stored("default");
    await service.save(await updateRequest(detail.values as Record<string, unknown>, detail.resourceVersion, key(101)), { dryRun: false });
    expect(await stored("default")).toEqual(before);
    const refused = await service.delete("default", { deleteSyncedSecrets: [] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409 });
    expect(await stored("default")).toEqual(before);
  });

  it("the adapter's Strict write: a field the cluster does not know is a 400 naming it, nothing stored", async () => {
    const err = await kube.dataflowEndpoints.create({ name: "strict-probe", spec: { endpointType: "Kafka",
      kafkaSettings: { hots: "k:9093", host: "k:9093", authentication: { method: "Anonymous" } } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, errors: { "spec.kafkaSettings.hots": ['unknown field "spec.kafkaSettings.hots"'] } });
    expect(await kube.dataflowEndpoints.get("strict-probe").catch((e: AppError) => e.status)).toBe(404);
  });
});
