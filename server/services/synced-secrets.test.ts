import { describe, expect, it } from "vitest";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import type { SecretSync, SecretSyncCondition } from "@/lib/schemas/secret-sync";
import { AppError } from "@/server/errors";
import type { SyncedSecretsKube } from "./synced-secrets";
import { createSyncedSecretsService, syncStateOf } from "./synced-secrets";

const meta = (name: string) => ({ name, namespace: "aio", uid: `uid-${name}`, resourceVersion: "1", generation: 1,
  createdOn: "2026-11-01T00:00:00.000Z", labels: {} });

function sync(name: string, status: Partial<SecretSync["status"]> = {}): SecretSync {
  return { ...meta(name), managedByPortal: true, secretProviderClassName: "spc", serviceAccountName: "sa",
    secretType: "Opaque", data: [{ sourcePath: `${name}-user`, targetKey: "username" }], forceSynchronization: null,
    secretLabels: {}, secretAnnotations: {},
    status: { syncHash: null, lastSuccessfulSyncTime: null, conditions: [], ...status } };
}

const cond = (type: string, status: string, reason: string | null = null, message: string | null = null): SecretSyncCondition =>
  ({ type, status, reason, message, lastTransitionTime: "2026-11-02T00:00:00.000Z", observedGeneration: 1 });

function fakeKube() {
  const calls = { secretSyncs: 0, secrets: 0, devices: 0, dataflowEndpoints: 0 };
  const deleted: string[] = [];
  const secret = (name: string): KubeSecretMetadata =>
    ({ ...meta(name), generation: null, type: "Opaque", keys: ["password", "username"], owner: null });
  const kube = {
    secretSyncs: { list: async () => { calls.secretSyncs++; return [
      sync("opcua", { conditions: [cond("SecretCreated", "True"), cond("SecretUpdated", "False", "ProviderError", "SecretNotFound: x")] }),
      sync("kafka", { lastSuccessfulSyncTime: "2026-11-03T00:00:00.000Z", conditions: [cond("SecretCreated", "True")] }),
      sync("unused"),
    ]; },
    get: async (name: string) => {
      if (!["opcua", "kafka", "unused"].includes(name)) throw new AppError("not-found", `SecretSync '${name}' not found`);
      return sync(name);
    },
    deleteFrom: async (s: SecretSync) => { deleted.push(s.name); } },
    secrets: { list: async () => { calls.secrets++; return [secret("kafka"), secret("unrelated")]; } },
    devices: { list: async () => { calls.devices++; return [
      { ...meta("line-2"), status: null, spec: { endpoints: { inbound: { opc: { address: "opc.tcp://x", endpointType: "OPC-UA",
        authentication: { method: "UsernamePassword",
          usernamePasswordCredentials: { usernameSecretName: "opcua/username", passwordSecretName: "opcua/password" } },
        trustSettings: { trustList: "kafka/ca" } } } } } },
      { ...meta("no-auth"), status: null, spec: { endpoints: { inbound: { a: { address: "x", endpointType: "OPC-UA" } } } } },
    ]; } },
    dataflowEndpoints: { list: async () => { calls.dataflowEndpoints++; return [
      { ...meta("kafka-telemetry"), status: null, spec: { endpointType: "Kafka",
        kafkaSettings: { authentication: { method: "Sasl", saslSettings: { saslType: "Plain", secretRef: "kafka" } } } } },
      { ...meta("mqtt"), status: null, spec: { endpointType: "Mqtt", mqttSettings: { authentication: { method: "ServiceAccountToken" } } } },
    ]; } },
  } as unknown as SyncedSecretsKube;
  return { kube, calls, deleted };
}

describe("synced secrets service", () => {
  it("joins each SecretSync with its Secret's metadata and the devices and endpoints that reference it", async () => {
    const { kube } = fakeKube();
    const { items } = await createSyncedSecretsService(kube).list();
    expect(items.map((i) => i.name)).toEqual(["kafka", "opcua", "unused"]);
    const [kafka, opcua, unused] = items;
    expect(kafka!.secret).toEqual({ type: "Opaque", keys: ["password", "username"] });
    expect(opcua!.secret).toBeNull();
    expect(kafka!.usedBy).toEqual([
      { kind: "Device", name: "line-2", via: "inbound endpoint 'opc' · trust list", key: "ca" },
      { kind: "DataflowEndpoint", name: "kafka-telemetry", via: "kafkaSettings.authentication.saslSettings", key: null },
    ]);
    expect(opcua!.usedBy.map((u) => [u.name, u.key])).toEqual([["line-2", "username"], ["line-2", "password"]]);
    expect(unused!.usedBy).toEqual([]);
    expect(kafka!.references).toEqual([{ sourcePath: "kafka-user", targetKey: "username" }]);
  });

  it("lists each kind once, in parallel, whatever the number of rows (no request per row)", async () => {
    const { kube, calls } = fakeKube();
    await createSyncedSecretsService(kube).list();
    expect(calls).toEqual({ secretSyncs: 1, secrets: 1, devices: 1, dataflowEndpoints: 1 });
  });

  it("never returns a value field", async () => {
    const { kube } = fakeKube();
    expect(JSON.stringify(await createSyncedSecretsService(kube).list())).not.toMatch(/"(value|data|stringData)"/);
  });
});

describe("deleting a synced secret", () => {
  it("reads the SecretSync before listing its users, deletes under that resourceVersion, and starts again on 409", async () => {
    const { kube, deleted } = fakeKube();
    const order: string[] = [];
    let rv = 1;
    const stale = () => new AppError("conflict", "changed", { upstream: { service: "kubernetes", code: "Conflict" } });
    const k = kube as unknown as { secretSyncs: Record<string, unknown>; devices: { list: () => Promise<unknown> } };
    const listDevices = k.devices.list;
    k.devices.list = async () => { order.push("devices"); return listDevices(); };
    k.secretSyncs.get = async (name: string) => { order.push("get"); return { ...sync(name), resourceVersion: String(rv) }; };
    k.secretSyncs.deleteFrom = async (s: SecretSync) => {
      order.push(`delete@${s.resourceVersion}`);
      if (s.resourceVersion === "1") { rv = 2; throw stale(); }       // a save wrote it in between
      deleted.push(s.name);
    };
    await createSyncedSecretsService(kube).delete("unused");
    expect(order).toEqual(["get", "devices", "delete@1", "get", "devices", "delete@2"]);
    expect(deleted).toEqual(["unused"]);
  });

  it("refuses (403) a SecretSync the portal did not create, before looking at its users", async () => {
    const { kube, deleted, calls } = fakeKube();
    (kube as unknown as { secretSyncs: Record<string, unknown> }).secretSyncs.get =
      async (name: string) => ({ ...sync(name), managedByPortal: false, createdBy: "azure-cli" });
    await expect(createSyncedSecretsService(kube).delete("unused")).rejects.toMatchObject({ status: 403,
      detail: "SecretSync 'unused' was not created by the portal (made by 'azure-cli'), so the portal does not delete it." });
    expect(calls.devices).toBe(0);
    expect(deleted).toEqual([]);
  });

  it("refuses with 409 naming every device and endpoint that still uses it, and deletes nothing", async () => {
    const { kube, deleted } = fakeKube();
    const err = await createSyncedSecretsService(kube).delete("kafka").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: "conflict", status: 409 });
    expect((err as AppError).detail).toContain("device 'line-2'");
    expect((err as AppError).detail).toContain("data flow endpoint 'kafka-telemetry'");
    expect(deleted).toEqual([]);
  });
  it("deletes an unused one", async () => {
    const { kube, deleted } = fakeKube();
    await createSyncedSecretsService(kube).delete("unused");
    expect(deleted).toEqual(["unused"]);
  });
  it("answers 404 for a missing one, even if something names it", async () => {
    const { kube, deleted } = fakeKube();
    await expect(createSyncedSecretsService(kube).delete("gone")).rejects.toMatchObject({ kind: "not-found" });
    expect(deleted).toEqual([]);
  });
});

describe("sync state", () => {
  it("fails on any False condition, whatever its type, with its reason and message", () => {
    expect(syncStateOf({ syncHash: "h", lastSuccessfulSyncTime: "2026-11-01T00:00:00.000Z",
      conditions: [cond("SomeFutureType", "False", "Quota", "too many")] }))
      .toMatchObject({ state: "failed", conditionType: "SomeFutureType", reason: "Quota", message: "too many",
        lastSuccessfulSyncTime: "2026-11-01T00:00:00.000Z" });
  });
  it("is synced with a successful sync time or a True condition of an unknown type", () => {
    expect(syncStateOf({ syncHash: null, lastSuccessfulSyncTime: "2026-11-01T00:00:00.000Z", conditions: [] }))
      .toEqual({ state: "synced", lastSuccessfulSyncTime: "2026-11-01T00:00:00.000Z" });
    expect(syncStateOf({ syncHash: null, lastSuccessfulSyncTime: null, conditions: [cond("Whatever", "True")] }).state)
      .toBe("synced");
  });
  it("is pending without a status or with only Unknown conditions", () => {
    expect(syncStateOf({ syncHash: null, lastSuccessfulSyncTime: null, conditions: [] })).toEqual({ state: "pending" });
    expect(syncStateOf({ syncHash: null, lastSuccessfulSyncTime: null, conditions: [cond("X", "Unknown")] }).state)
      .toBe("pending");
  });
});
