import { describe, expect, it } from "vitest";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import { SAVE_ID_VAULT_TAG, SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { syncedSecretList } from "@/lib/schemas/synced-secret-list";
import { DEFAULT_CONTROLS } from "@/lib/synced-secrets/list-controls";
import type { KubeWatchCache } from "@/server/adapters/kube/watch-cache";
import { AppError } from "@/server/errors";
import { createFakeCluster, type FakeCluster } from "@/server/testing/fake-cluster";
import { createFakeKeyVault } from "@/server/testing/fake-key-vault";
import { createSecretNameIndex } from "./secret-name-index";
import { createSyncedSecretsService, type SyncedSecretsKube } from "./synced-secrets";

const SPC = "spc-ops-test";
const PORTAL = { "app.kubernetes.io/managed-by": "ops-portal" };
const KEY = "6f1d3f8e-1111-4a2b-9c3d-000000000001";
/** A value that must never come out of the service. */
const VALUE = "Sup3r-S3cret-Rotated-9c2b";
const NOW = new Date("2026-11-05T10:00:00.000Z");
const TOKEN = /^\d{8}T\d{9}Z-[0-9a-z]{4}$/;

function putSpc(cluster: FakeCluster, name: string, objects: string[], extra = "") {
  cluster.put("secretproviderclasses", { apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass",
    metadata: { name }, spec: { provider: "azure", parameters: { keyvaultName: "fake-kv", tenantId: "t", clientID: "c",
      objects: `array:\n${objects.map((n) => `  - |\n    objectName: ${n}\n    objectType: secret\n`).join("")}${extra}` } } });
}

function putSync(cluster: FakeCluster, name: string, data: [string, string][], o: { spc?: string; portal?: boolean; manager?: string } = {}) {
  return cluster.put("secretsyncs", { apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
    metadata: { name, ...(o.portal !== false && { labels: PORTAL }) },
    spec: { secretProviderClassName: o.spc ?? SPC, serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: data.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })) } } }, o.manager);
}

function putDevice(cluster: FakeCluster, name: string, synced: string) {
  cluster.put("devices", { apiVersion: "namespaces.deviceregistry.microsoft.com/v1", kind: "Device", metadata: { name },
    spec: { enabled: true, endpoints: { inbound: { opc: { address: "opc.tcp://x:4840", endpointType: "Microsoft.OpcUa",
      authentication: { method: "UsernamePassword", usernamePasswordCredentials: {
        usernameSecretName: `${synced}/username`, passwordSecretName: `${synced}/password` } } } } } } });
}

function putEndpoint(cluster: FakeCluster, name: string, secretRef: string) {
  cluster.put("dataflowendpoints", { apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint",
    metadata: { name }, spec: { endpointType: "Kafka", kafkaSettings: { host: "k:9093",
      authentication: { method: "Sasl", saslSettings: { saslType: "Plain", secretRef } } } } });
}

/** The demo's shape: the default class with the Kafka and OPC UA objects, a system class with the trust list. */
async function harness() {
  const cluster = createFakeCluster({ defaultSpc: SPC });
  putSpc(cluster, SPC, ["kafka-user", "kafka-pass", "opc-user", "opc-pass", "pinned-pass"],
    "  - |\n    objectName: pinned-src\n    objectType: secret\n    objectAlias: pinned-pass-file\n    objectVersion: 0123456789abcdef0123456789abcdef\n");
  putSpc(cluster, "opc-ua-connector", ["kafka-pass", "root-ca-der"]);
  putSync(cluster, "kafka", [["kafka-user", "username"], ["kafka-pass", "password"]]);
  putSync(cluster, "kafka-copy", [["kafka-pass", "password"]], { portal: false, manager: "kubectl-create" });
  putSync(cluster, "opcua", [["opc-user", "username"], ["opc-pass", "password"]]);
  putSync(cluster, "unused", [["opc-user", "username"]], { portal: false, manager: "azure-cli" });
  putSync(cluster, "pinned", [["pinned-pass-file", "password"]]);
  putSync(cluster, "trust-list", [["root-ca-der", "root-ca.der"], ["kafka-pass", "also"]], { spc: "opc-ua-connector", portal: false });
  putDevice(cluster, "line-2", "opcua");
  putEndpoint(cluster, "kafka-telemetry", "kafka");
  const vault = createFakeKeyVault(["kafka-user", "kafka-pass", "opc-user", "opc-pass", "root-ca-der", "pinned-src"]);
  vault.external.set("kafka-pass", { contentType: "text/plain", tags: { component: "kafka", [SAVE_ID_VAULT_TAG]: "old-save" },
    expiresOn: "2026-11-10T00:00:00.000Z" });
  const secrets: KubeSecretMetadata[] = [{ name: "kafka", namespace: cluster.namespace, uid: "u", resourceVersion: "1",
    generation: null, createdOn: null, labels: {}, type: "Opaque", keys: ["password", "username"], owner: null }];
  const kube: SyncedSecretsKube = Object.assign(Object.create(cluster.kube) as SyncedSecretsKube, {
    secrets: { list: async () => secrets, get: async (name: string) => {
      const s = secrets.find((x) => x.name === name);
      if (!s) throw new AppError("not-found", `Secret '${name}' was not found.`);
      return s;
    } },
    events: { listFor: async () => [{ type: "Warning", reason: "ProviderError", message: "SecretNotFound", count: 2,
      firstSeen: "2026-11-05T09:00:00.000Z", lastSeen: "2026-11-05T09:10:00.000Z", source: "secrets-store-sync-controller",
      involvedUid: null }] },
  });
  const cache = liveCache(kube);
  const index = createSecretNameIndex({ pages: () => vault.secretPages(), refreshSeconds: 3600 });
  await index.refresh();
  const written: string[] = [];
  const service = createSyncedSecretsService({ kube, cache, vault, graceSeconds: 600, now: () => NOW, index,
    onVaultSecretWritten: (s) => { written.push(s.name); index.upsert(s); } });
  return { cluster, vault, service, cache, written, index };
}

/** The cache as lists of the fake cluster (the informer has its own tests); `version` moves when told. */
function liveCache(kube: SyncedSecretsKube) {
  let version = 1;
  const kind = <T>(list: () => Promise<T[]>) => ({ items: list, version: 0, calls: 0, onChange: () => () => undefined, stop() {} });
  const cache = {
    secretSyncs: kind(() => kube.secretSyncs.list()), secrets: kind(() => kube.secrets.list()),
    devices: kind(() => kube.devices.list()), dataflowEndpoints: kind(() => kube.dataflowEndpoints.list()),
    secretProviderClasses: kind(() => kube.secretProviderClasses.list()),
    version: () => version, onChange: () => () => undefined, calls: () => 0, stop() {},
    touch: () => { version++; },
  };
  return cache as unknown as KubeWatchCache & { touch(): void };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe("the Secrets page list", () => {
  it("joins rows from the cache: sources, users, system and creator; the snapshot validates", async () => {
    const { service } = await harness();
    const { list } = await service.list();
    expect(() => syncedSecretList.parse({ ...list, offset: 0, limit: 500, matching: list.items.length, total: list.items.length })).not.toThrow();
    const by = Object.fromEntries(list.items.map((r) => [r.name, r]));
    expect(by.kafka!.usedBy.map((u) => u.name)).toEqual(["kafka-telemetry"]);
    expect(by.opcua!.usedBy.map((u) => `${u.name}/${u.key}`)).toEqual(["line-2/username", "line-2/password"]);
    expect(by["trust-list"]).toMatchObject({ system: true, createdBy: { kind: "other", fieldManager: "ops-portal" } });
    expect(by.unused).toMatchObject({ system: false, createdBy: { kind: "other", fieldManager: "azure-cli" } });
    expect(by.kafka!.warnings.map((w) => `${w.kind}:${w.source}`)).toEqual(["expiring-soon:kafka-pass"]);
    expect(list.index).toMatchObject({ state: "ready", count: 6, updatedAt: expect.any(String) });
    expect(list.defaultSecretProviderClass).toBe(SPC);
  });

  it("is one snapshot for every reader until something changes, and never carries a value", async () => {
    const { service, cache, cluster } = await harness();
    const first = await service.list();
    const callsAfterFirst = cluster.calls.length;
    expect(await service.list()).toBe(first);
    expect(cluster.calls.length).toBe(callsAfterFirst);
    await new Promise((r) => setTimeout(r, 260));
    cache.touch();
    expect(await service.list()).not.toBe(first);
    const page = await service.page({ controls: DEFAULT_CONTROLS, offset: 0, limit: 500 });
    expect(page.json).not.toMatch(/"(value|data|stringData)"/);
    expect(syncedSecretList.parse(JSON.parse(page.json)).items).toEqual(first.list.items);
  });
});

describe("detail", () => {
  it("of a SecretSync the watch cache has not seen yet comes from the cluster; only one the cluster lacks is 404", async () => {
    const { service, cache } = await harness();
    const listed = cache.secretSyncs.items;
    cache.secretSyncs.items = async () => (await listed()).filter((s) => s.name !== "unused");
    expect((await service.detail("unused")).name).toBe("unused");
    await expect(service.detail("no-such-one")).rejects.toMatchObject({ kind: "not-found" });
  });

  it("has keys with their Key Vault properties, conditions, events, the Secret, users and YAML without values", async () => {
    const { service } = await harness();
    const d = await service.detail("kafka");
    expect(d.keys.map((k) => [k.targetKey, k.source?.keyVaultSecretName, k.inSecret, k.keyVaultSecret?.contentType]))
      .toEqual([["username", "kafka-user", true, null], ["password", "kafka-pass", true, "text/plain"]]);
    expect(d.events).toEqual([expect.objectContaining({ reason: "ProviderError", count: 2 })]);
    expect(d.secret).toEqual({ exists: true, type: "Opaque", keys: ["password", "username"] });
    expect(d.yaml.secretSync).toContain("sourcePath: kafka-pass");
    expect(d.yaml.secretSync).not.toContain("managedFields");
    expect(d.yaml.secretProviderClassObjects).toContain("objectName: kafka-user");
    expect(d.yaml.secretProviderClassObjects).not.toContain("opc-user");
    await expect(service.detail("nope")).rejects.toMatchObject({ status: 404 });
  });
});

describe("sync now", () => {
  it("writes a new forceSynchronization token (CRD pattern, no colons) and sync-requested-at", async () => {
    const { service, cluster } = await harness();
    const a = await service.syncNow("kafka");
    const b = await service.syncNow("kafka");
    expect(a.forceSynchronization).toMatch(TOKEN);
    expect(a.forceSynchronization.startsWith("20261105T100000000Z-")).toBe(true);
    expect(b.forceSynchronization).not.toBe(a.forceSynchronization);
    const stored = cluster.get("secretsyncs", "kafka")!;
    expect(stored.spec!.forceSynchronization).toBe(b.forceSynchronization);
    expect(stored.metadata.annotations![SYNC_REQUESTED_AT_ANNOTATION]).toBe(NOW.toISOString());
    expect(stored.spec!.secretObject).toEqual(cluster.get("secretsyncs", "kafka")!.spec!.secretObject);
  });

  it("works on one another tool made, and refuses a system one (403) without writing", async () => {
    const { service, cluster } = await harness();
    expect((await service.syncNow("unused")).forceSynchronization).toMatch(TOKEN);
    const err = await failure(service.syncNow("trust-list"));
    expect(err.status).toBe(403);
    expect(err.detail).toContain("system synced secret");
    expect(cluster.get("secretsyncs", "trust-list")!.spec!.forceSynchronization).toBeUndefined();
    expect((await failure(service.syncNow("missing"))).status).toBe(404);
  });
});

describe("rotate", () => {
  const body = (o: Record<string, unknown> = {}) => ({ source: "kafka-pass", value: VALUE, idempotencyKey: KEY, ...o });

  it("dry run: lists every synced secret that maps the source and what rotation does to each, writing nothing", async () => {
    const { service, vault } = await harness();
    const r = await service.rotate("kafka", { source: "kafka-pass" }, { dryRun: true });
    expect(r.syncedSecrets.map((t) => [t.name, t.action])).toEqual([["kafka", "sync-now"], ["kafka-copy", "sync-now"],
      ["trust-list", "system"]]);
    expect(vault.calls.set).toBe(0);
    expect(r.version).toBeNull();
  });

  it("writes one new version carrying over content type, tags and expiry, then syncs every non-system user", async () => {
    const { service, vault, cluster, written } = await harness();
    const r = await service.rotate("kafka", body(), { dryRun: false });
    expect(vault.versions.get("kafka-pass")).toBe(2);
    const now = await vault.getSecretProperties("kafka-pass");
    expect(now).toMatchObject({ contentType: "text/plain", expiresOn: "2026-11-10T00:00:00.000Z",
      tags: { component: "kafka", [SAVE_ID_VAULT_TAG]: KEY } });
    expect(r.syncedSecrets.map((t) => [t.name, t.result?.outcome ?? null])).toEqual([["kafka", "requested"],
      ["kafka-copy", "requested"], ["trust-list", null]]);
    expect(cluster.get("secretsyncs", "kafka-copy")!.spec!.forceSynchronization).toMatch(TOKEN);
    expect(cluster.get("secretsyncs", "trust-list")!.spec!.forceSynchronization).toBeUndefined();
    expect(written).toEqual(["kafka-pass"]);
    expect(JSON.stringify(r)).not.toContain(VALUE);
  });

  it("a retry with the same idempotency key writes no second version, also after a lost answer", async () => {
    const { service, vault } = await harness();
    vault.failNextSet("kafka-pass", { when: "after" });
    await service.rotate("kafka", body(), { dryRun: false });
    expect(vault.versions.get("kafka-pass")).toBe(2);
    await service.rotate("kafka", body(), { dryRun: false });
    expect(vault.versions.get("kafka-pass")).toBe(2);
  });

  it("changes expiry when asked, and clears it with null", async () => {
    const { service, vault } = await harness();
    await service.rotate("kafka", body({ expiresOn: null, contentType: "application/octet-stream" }), { dryRun: false });
    expect(await vault.getSecretProperties("kafka-pass")).toMatchObject({ expiresOn: null, contentType: "application/octet-stream" });
  });

  it("refuses a system synced secret (403), a name that is not a source (400) and a pinned source (409)", async () => {
    const { service, vault } = await harness();
    expect((await failure(service.rotate("trust-list", body({ source: "root-ca-der" }), { dryRun: false }))).status).toBe(403);
    const notSource = await failure(service.rotate("kafka", body({ source: "opc-pass" }), { dryRun: false }));
    expect(notSource).toMatchObject({ status: 400, errors: { source: [expect.stringContaining("'kafka-user', 'kafka-pass'")] } });
    const pinned = await failure(service.rotate("pinned", body({ source: "pinned-src" }), { dryRun: true }));
    expect(pinned.status).toBe(409);
    expect(pinned.detail).toContain("objectVersion");
    expect(vault.calls.set).toBe(0);
  });

  it("checks the new value as PEM when the secret's content type says PEM, without quoting it", async () => {
    const { service, vault } = await harness();
    vault.external.set("kafka-user", { contentType: "application/x-pem-file" });
    const err = await failure(service.rotate("kafka", body({ source: "kafka-user" }), { dryRun: false }));
    expect(err.status).toBe(400);
    expect(err.errors?.value?.[0]).toMatch(/PEM|BEGIN/);
    expect(JSON.stringify(err)).not.toContain(VALUE);
    expect(vault.calls.set).toBe(0);
  });

  it("needs a value and an idempotency key unless it is a dry run", async () => {
    const { service } = await harness();
    const err = await failure(service.rotate("kafka", { source: "kafka-pass" }, { dryRun: false }));
    expect(err.errors).toEqual({ value: ["Enter a value"], idempotencyKey: ["Send a UUID as idempotencyKey"] });
  });
});

describe("delete", () => {
  it("plans: the SecretSync and its Secret go, objects no other SecretSync maps go after the grace period, Key Vault stays", async () => {
    const { service } = await harness();
    const plan = await service.planDelete("opcua");
    expect(plan).toMatchObject({ name: "opcua", refusal: { status: 409 }, createdBy: { kind: "portal" },
      goes: { secretSync: "opcua", kubernetesSecret: { name: "opcua", exists: false },
        secretProviderClassObjects: [{ fileName: "opc-pass", keyVaultSecretName: "opc-pass", removableAfter: "2026-11-05T10:10:00.000Z" }] },
      stays: { keyVaultSecrets: ["opc-pass", "opc-user"], secretProviderClassObjects: [{ fileName: "opc-user", usedBy: ["unused"] }] } });
    expect(plan.usedBy.map((u) => u.name)).toEqual(["line-2", "line-2"]);
    expect((await service.planDelete("unused")).createdBy).toEqual({ kind: "other", fieldManager: "azure-cli" });
  });

  it("deletes one another tool made, marking its objects used now so the grace period counts from the delete", async () => {
    const { service, cluster } = await harness();
    const touched = await service.delete("unused");
    expect(cluster.get("secretsyncs", "unused")).toBeUndefined();
    expect(touched).toEqual([`secretproviderclasses/${SPC}`, "secretsyncs/unused"]);
    const lastUsed = JSON.parse(cluster.get("secretproviderclasses", SPC)!.metadata.annotations!["ops-portal.azure.com/objects-last-used"]!);
    expect(lastUsed["opc-user"]).toBe(NOW.toISOString());
    expect((await failure(service.delete("unused"))).status).toBe(404);
  });

  it("answers once the list no longer has it: a page read right after the delete shows no ghost row", async () => {
    const { service } = await harness();
    const page = async () => JSON.parse((await service.page({ controls: DEFAULT_CONTROLS, offset: 0, limit: 500 })).json) as
      { items: { name: string }[] };
    expect((await page()).items.map((i) => i.name)).toContain("unused");
    await service.delete("unused");
    expect((await page()).items.map((i) => i.name)).not.toContain("unused");
  });

  it("refuses one still referenced (409 with the references) and a system one (403), deleting nothing", async () => {
    const { service, cluster } = await harness();
    const inUse = await failure(service.delete("kafka"));
    expect(inUse.status).toBe(409);
    expect(inUse.references).toEqual([{ kind: "DataflowEndpoint", name: "kafka-telemetry", via: "kafkaSettings.authentication.saslSettings", key: null }]);
    expect((await failure(service.delete("trust-list"))).status).toBe(403);
    expect(cluster.get("secretsyncs", "kafka")).toBeDefined();
    expect(cluster.get("secretsyncs", "trust-list")).toBeDefined();
  });

  it("reads the SecretSync before its users and deletes under that resourceVersion; a save in between starts it again", async () => {
    const { service, cluster } = await harness();
    let saved = false;
    cluster.beforeCall = (verb, plural, name) => {
      if (!saved && verb === "delete" && plural === "secretsyncs" && name === "pinned") {
        saved = true;
        cluster.external("secretsyncs", "pinned", (o) => ({ ...o, metadata: { ...o.metadata, annotations: { "ops-portal.azure.com/save-id": "x" } } }));
      }
    };
    await service.delete("pinned");
    const calls = cluster.calls.filter((c) => /^(get secretsyncs\/pinned|list devices|list dataflowendpoints|delete secretsyncs\/pinned)$/.test(c));
    // (What follows the last delete is the list being rebuilt from this test's cache, which lists the fake cluster.)
    const order = calls.slice(0, calls.lastIndexOf("delete secretsyncs/pinned") + 1);
    const attempt = ["get secretsyncs/pinned", "list devices", "list dataflowendpoints", "delete secretsyncs/pinned"];
    expect(order.slice(-8)).toEqual([...attempt, ...attempt]);
    expect(order.filter((c) => c === "delete secretsyncs/pinned")).toHaveLength(2);
    expect(cluster.get("secretsyncs", "pinned")).toBeUndefined();
  });

  it("bulk: answers per name as the single delete would, one failure stopping none of the others", async () => {
    const { service, cluster } = await harness();
    const dry = await service.deleteMany(["unused", "kafka", "trust-list", "gone"], { dryRun: true });
    expect(dry.items.map((i) => [i.name, i.status, i.outcome])).toEqual([["unused", 200, "would-delete"], ["kafka", 409, "in-use"],
      ["trust-list", 403, "refused"], ["gone", 404, "not-found"]]);
    expect(cluster.get("secretsyncs", "unused")).toBeDefined();
    const real = await service.deleteMany(["unused", "kafka", "gone"], { dryRun: false });
    expect(real.items.map((i) => [i.name, i.status, i.outcome])).toEqual([["unused", 204, "deleted"], ["kafka", 409, "in-use"],
      ["gone", 404, "not-found"]]);
    expect(real.items[1]!.usedBy.map((u) => u.name)).toEqual(["kafka-telemetry"]);
    expect(real.audit.map((a) => [a.name, a.status, a.touched.includes(`secretsyncs/${a.name}`), a.failure?.kind]))
      .toEqual([["unused", 204, true, undefined], ["kafka", 409, false, "conflict"], ["gone", 404, false, "not-found"]]);
  });
});
