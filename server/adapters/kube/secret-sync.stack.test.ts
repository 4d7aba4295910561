import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newSecretSyncInput } from "@/lib/schemas/secret-sync";
import type { KubeAdapter } from "@/server/adapters/kube";
import { startLocalCluster, type LocalCluster } from "@/server/adapters/kube/testing/local-cluster";

const SECRET_SYNC = { group: "secret-sync.x-k8s.io", version: "v1alpha1", plural: "secretsyncs" };
const VALUE = "s3cr3t-Value-9f2c";                    // a Secret value: must never come out of the adapter

let cluster: LocalCluster;
let kube: KubeAdapter;

const newSync = (name: string) => newSecretSyncInput.parse({ name, secretProviderClassName: "spc-ops-test",
  serviceAccountName: "aio-ssc-sa", data: [{ sourcePath: "kafka-user", targetKey: "username" }] });

beforeAll(async () => {
  cluster = await startLocalCluster();
  kube = cluster.adapter({ listPageSize: 2 });
});
afterAll(() => cluster?.stop());
afterEach(() => cluster.hooks("DELETE", "faults"));

describe("kube adapter: SecretSyncs, Secrets, Devices, DataflowEndpoints (local stack)", () => {
  it("creates, reads, lists, updates and deletes a SecretSync it labels as its own", async () => {
    const created = await kube.secretSyncs.create(newSync("edp1secrets"));
    expect(created).toMatchObject({ name: "edp1secrets", managedByPortal: true, secretType: "Opaque",
      labels: { "app.kubernetes.io/managed-by": "ops-portal" }, data: [{ sourcePath: "kafka-user", targetKey: "username" }] });
    // The local stack's sync controller may write status (and so resourceVersion) in between: compare the rest.
    expect(withoutStatus(await kube.secretSyncs.get("edp1secrets"))).toEqual(withoutStatus(created));
    await expect(kube.secretSyncs.create(newSync("edp1secrets"))).rejects.toMatchObject({ status: 409,
      upstream: { code: "AlreadyExists" }, detail: expect.stringContaining("already exists") });

    const updated = await kube.secretSyncs.update("edp1secrets", (spec) => ({ ...spec,
      data: [...spec.data, { sourcePath: "kafka-pass", targetKey: "password" }], forceSynchronization: "r2" }));
    expect(updated.data.map((d) => d.targetKey)).toEqual(["username", "password"]);
    expect(updated.forceSynchronization).toBe("r2");
    expect(updated.generation).toBe(2);
    const raw = await cluster.raw.custom.getNamespacedCustomObject({ ...SECRET_SYNC, namespace: cluster.namespace,
      name: "edp1secrets" }) as { spec: Record<string, unknown> };
    expect(raw.spec.secretSyncControllerName).toBe("");          // a field the portal does not edit, kept

    await expect(kube.secretSyncs.update("edp1secrets", (s) => s, { ifResourceVersion: created.resourceVersion }))
      .rejects.toMatchObject({ status: 409 });

    await kube.secretSyncs.delete("edp1secrets");
    await expect(kube.secretSyncs.get("edp1secrets")).rejects.toMatchObject({ status: 404 });
  });

  it("lists every SecretSync across pages (one request per page)", async () => {
    for (const n of ["page-a", "page-b", "page-c", "page-d", "page-e"]) await kube.secretSyncs.create(newSync(n));
    await cluster.hooks("DELETE", "stats");
    const names = (await kube.secretSyncs.list()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith("page-")).sort()).toEqual(["page-a", "page-b", "page-c", "page-d", "page-e"]);
    const stats = (await cluster.hooks("GET", "stats")).body as { byRoute: Record<string, number> };
    expect(stats.byRoute["GET /apis/secret-sync.x-k8s.io/v1alpha1/namespaces/{namespace}/secretsyncs"]).toBe(Math.ceil(names.length / 2));
  });

  it("turns the API server's 422 causes into field errors", async () => {
    const bad = { ...newSync("bad-labels"), secretLabels: { "secrets-store.sync.x-k8s.io/x": "y" } };
    const err = await kube.secretSyncs.create(bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, kind: "bad-request", upstream: { service: "kubernetes", code: "Invalid" } });
    const fields = Object.keys((err as { errors: Record<string, string[]> }).errors);
    expect(fields.some((f) => f.startsWith("spec.secretObject.labels"))).toBe(true);
  });

  it("never edits or deletes a SecretSync it did not create", async () => {
    await cluster.raw.custom.createNamespacedCustomObject({ ...SECRET_SYNC, namespace: cluster.namespace, body: {
      apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name: "aio-opc-ua-broker-issuer-list" },
      spec: { secretProviderClassName: "opc-ua-connector", serviceAccountName: "aio-ssc-sa",
        secretObject: { type: "Opaque", data: [{ sourcePath: "trust", targetKey: "trust.der" }] } } } });
    expect((await kube.secretSyncs.get("aio-opc-ua-broker-issuer-list")).managedByPortal).toBe(false);
    await expect(kube.secretSyncs.update("aio-opc-ua-broker-issuer-list", (s) => ({ ...s, secretType: "kubernetes.io/tls" })))
      .rejects.toMatchObject({ status: 403, detail: expect.stringContaining("was not created by the portal") });
    await expect(kube.secretSyncs.delete("aio-opc-ua-broker-issuer-list")).rejects.toMatchObject({ status: 403 });
    expect((await kube.secretSyncs.get("aio-opc-ua-broker-issuer-list")).secretType).toBe("Opaque");
  });

  it("shows a Secret's type, key names and owner, never its values", async () => {
    const owner = await kube.secretSyncs.create(newSync("synced-one"));
    await cluster.raw.core.createNamespacedSecret({ namespace: cluster.namespace, body: {
      metadata: { name: "synced-one", labels: { "secrets-store.sync.x-k8s.io": "" },
        ownerReferences: [{ apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", name: "synced-one", uid: owner.uid }] },
      type: "Opaque",
      data: { username: Buffer.from("alice").toString("base64"), password: Buffer.from(VALUE).toString("base64") } } });
    const one = await kube.secrets.get("synced-one");
    expect(one).toMatchObject({ name: "synced-one", type: "Opaque", keys: ["password", "username"],
      owner: { kind: "SecretSync", name: "synced-one", uid: owner.uid } });
    const all = await kube.secrets.list();
    expect(all.map((s) => s.name)).toContain("synced-one");
    for (const shown of [JSON.stringify(one), JSON.stringify(all)]) {
      expect(shown).not.toContain(VALUE);
      expect(shown).not.toContain(Buffer.from(VALUE).toString("base64"));
      expect(shown).not.toContain(Buffer.from("alice").toString("base64"));
    }
    expect(Object.keys(one)).not.toContain("data");
  });

  it("creates, lists and updates Devices, keeping fields it does not type", async () => {
    const device = await kube.devices.create({ name: "plc-1", spec: { enabled: true, manufacturer: "Contoso",
      attributes: { line: "7" }, endpoints: { inbound: { opc: { address: "opc.tcp://10.0.0.12:4840",
        endpointType: "Microsoft.OpcUa", authentication: { method: "Anonymous" } } } } } });
    expect(device.spec.attributes).toEqual({ line: "7" });
    const updated = await kube.devices.update("plc-1", (spec) => ({ ...spec, endpoints: { ...spec.endpoints, inbound: {
      opc: { ...spec.endpoints!.inbound!.opc!, authentication: { method: "UsernamePassword", usernamePasswordCredentials: {
        usernameSecretName: "edp1secrets/username", passwordSecretName: "edp1secrets/password" } } } } } }));
    expect(updated.spec.endpoints?.inbound?.opc?.authentication?.usernamePasswordCredentials?.usernameSecretName)
      .toBe("edp1secrets/username");
    expect(updated.spec.attributes).toEqual({ line: "7" });
    const devices = (await kube.devices.list()).map((d) => d.name);
    expect(devices.filter((n) => n === "plc-1")).toEqual(["plc-1"]);
    expect(devices.length).toBeGreaterThan(1); // the demo seed's devices are listed too, across pages
    await expect(kube.devices.update("plc-1", (s) => s, { ifResourceVersion: device.resourceVersion }))
      .rejects.toMatchObject({ status: 409 });
  });

  it("creates, lists and updates DataflowEndpoints", async () => {
    await kube.dataflowEndpoints.create({ name: "eh-endpoint", spec: { endpointType: "Kafka", kafkaSettings: {
      host: "contoso.servicebus.windows.net:9093", authentication: { method: "Sasl",
        saslSettings: { saslType: "Plain", secretRef: "eh-sasl" } }, tls: { mode: "Enabled" } } } });
    const updated = await kube.dataflowEndpoints.update("eh-endpoint", (spec) => {
      const kafka = spec.kafkaSettings as { authentication: { saslSettings: Record<string, string> } };
      return { ...spec, kafkaSettings: { ...kafka, authentication: { ...kafka.authentication,
        saslSettings: { ...kafka.authentication.saslSettings, secretRef: "edp1secrets" } } } };
    });
    expect(updated.spec).toMatchObject({ endpointType: "Kafka", kafkaSettings: { tls: { mode: "Enabled" },
      authentication: { saslSettings: { secretRef: "edp1secrets" } } } });
    const endpoints = (await kube.dataflowEndpoints.list()).map((d) => d.name);
    expect(endpoints.filter((n) => n === "eh-endpoint")).toEqual(["eh-endpoint"]);
    expect(endpoints.length).toBeGreaterThan(1); // the demo seed's endpoints are listed too, across pages
    await expect(kube.dataflowEndpoints.create({ name: "eh-endpoint", spec: { endpointType: "Kafka" } }))
      .rejects.toMatchObject({ status: 409 });
  });
});


describe("kube adapter: writes from an object already read (local stack)", () => {
  it("updateFrom writes over the object read, keeping annotations it does not name; a 409 re-reads and re-applies", async () => {
    const read = await kube.secretSyncs.create(newSync("from-read"), { annotations: { "ops-portal.azure.com/save-id": "a",
      "example.com/other": "kept" } });
    expect(read.annotations).toEqual({ "ops-portal.azure.com/save-id": "a", "example.com/other": "kept" });
    const written = await kube.secretSyncs.updateFrom(read, (spec) => ({ spec: { ...spec, data: [...spec.data,
      { sourcePath: "kafka-pass", targetKey: "password" }] }, annotations: { "ops-portal.azure.com/save-id": "b" } }));
    expect(written.annotations).toEqual({ "ops-portal.azure.com/save-id": "b", "example.com/other": "kept" });
    await controllerDone("from-read");

    // `read` is stale now: the first write gets 409, the change is applied again to the newer object.
    let calls = 0;
    const again = await kube.secretSyncs.updateFrom(read, (spec, current) => {
      calls++;
      return { spec: { ...spec, forceSynchronization: `r${current.data.length}` } };
    });
    expect(calls).toBe(2);
    expect(again.forceSynchronization).toBe("r2");
    await expect(kube.secretSyncs.updateFrom(read, (spec) => ({ spec }), { pinned: true })).rejects.toMatchObject({ status: 409 });
  });

  it("deleteFrom deletes only the object as read (preconditions); Devices too", async () => {
    const first = await kube.secretSyncs.create(newSync("delete-from"));
    await kube.secretSyncs.update("delete-from", (spec) => ({ ...spec, forceSynchronization: "moved" }));
    await expect(kube.secretSyncs.deleteFrom(first)).rejects.toMatchObject({ status: 409, upstream: { code: "Conflict" } });
    await controllerDone("delete-from");
    await kube.secretSyncs.deleteFrom(await kube.secretSyncs.get("delete-from"));
    await expect(kube.secretSyncs.get("delete-from")).rejects.toMatchObject({ status: 404 });

    const device = await kube.devices.create({ name: "to-delete", annotations: { "ops-portal.azure.com/save-id": "k" },
      spec: { enabled: true } });
    expect(device.annotations).toEqual({ "ops-portal.azure.com/save-id": "k" });
    expect(device.createdBy).toEqual(expect.any(String));
    await expect(kube.devices.delete("to-delete", { uid: device.uid, resourceVersion: "1" })).rejects.toMatchObject({ status: 409 });
    await kube.devices.delete("to-delete", { uid: device.uid, resourceVersion: device.resourceVersion });
    await expect(kube.devices.get("to-delete")).rejects.toMatchObject({ status: 404 });
  });
});

/**
 * Until the local stack's sync controller has written its status for the SecretSync's current generation: that
 * write moves the resourceVersion too, so a test of writes under a resourceVersion reads after it, not before.
 */
async function controllerDone(name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const raw = await cluster.raw.custom.getNamespacedCustomObject({ ...SECRET_SYNC, namespace: cluster.namespace, name }) as
      { metadata: { generation?: number }; status?: { conditions?: { observedGeneration?: number }[] } };
    if (raw.status?.conditions?.some((c) => c.observedGeneration === raw.metadata.generation)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the sync controller wrote no status for SecretSync '${name}'`);
}

function withoutStatus<T extends { status: unknown; resourceVersion?: unknown }>(sync: T) {
  const { status: _status, resourceVersion: _rv, ...rest } = sync;
  return rest;
}
