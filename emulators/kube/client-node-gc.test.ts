import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "./kinds";
import { KubeStore } from "./store";
import { clientNodeFor } from "./testing/client-node";
import { startTestKube, type TestKube } from "./testing/kube-fixtures";

/**
 * @kubernetes/client-node against the stand-in's deletion semantics: finalizers, ownerReferences garbage collection
 * (background, foreground with blockOwnerDeletion, orphan, owners that never existed), namespace deletion, and the
 * collector resuming after a restart.
 */
let t: TestKube;
let kc: k8s.KubeConfig;
let core: k8s.CoreV1Api;
let custom: k8s.CustomObjectsApi;
const NS = "gc";
const SS = { group: "secret-sync.x-k8s.io", version: "v1alpha1", namespace: NS, plural: "secretsyncs" };
const MERGE = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
const HOLD = "example.com/hold";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom objects come back as untyped JSON
type Wire = any;

const secretSync = (name: string, finalizers?: string[]) => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name, ...(finalizers ? { finalizers } : {}) },
  spec: { secretProviderClassName: "spc", serviceAccountName: "aio-ssc-sa",
    secretObject: { type: "Opaque", data: [{ sourcePath: "u", targetKey: "username" }] } },
});

const ownedBy = (owner: { kind: string; apiVersion: string; metadata?: { name?: string; uid?: string } }, o: { block?: boolean } = {}) => ({
  apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata?.name ?? "", uid: owner.metadata?.uid ?? "",
  ...(o.block ? { blockOwnerDeletion: true } : {}),
});

async function status(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (e) {
    if (e instanceof k8s.ApiException) return e.code;
    throw e;
  }
}

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const secretGone = (name: string, namespace = NS) => async () => (await status(core.readNamespacedSecret({ namespace, name }))) === 404;

function connect(url: string): void {
  ({ kc, core, custom } = clientNodeFor(url, t.tls.ca, NS));
}

beforeAll(async () => {
  t = await startTestKube();
  connect(t.kube.url);
  await core.createNamespace({ body: { metadata: { name: NS } } });
});
afterAll(async () => { await t.stop(); });

describe("client-node: finalizers", () => {
  it("DELETE marks an object with finalizers; new finalizers are refused; the last one removed deletes it (MODIFIED, DELETED)", async () => {
    const created: Wire = await custom.createNamespacedCustomObject({ ...SS, body: secretSync("held", [HOLD]) });
    const events: string[] = [];
    const watch = await new k8s.Watch(kc).watch(`/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${NS}/secretsyncs`,
      { resourceVersion: created.metadata.resourceVersion, fieldSelector: "metadata.name=held" },
      (type: string, obj: Wire) => events.push(`${type} ${obj.metadata.deletionTimestamp ? "deleting" : "live"} ${(obj.metadata.finalizers ?? []).join(",")}`),
      () => undefined);

    const answer: Wire = await custom.deleteNamespacedCustomObject({ ...SS, name: "held" });
    expect(answer.metadata).toMatchObject({ deletionTimestamp: expect.any(String), deletionGracePeriodSeconds: 0, finalizers: [HOLD], generation: 2 });
    const still: Wire = await custom.getNamespacedCustomObject({ ...SS, name: "held" });
    expect(still.metadata.deletionTimestamp).toBe(answer.metadata.deletionTimestamp);

    const refused = await custom.patchNamespacedCustomObject({ ...SS, name: "held", body: { metadata: { finalizers: [HOLD, "example.com/more"] } } }, MERGE)
      .catch((e: k8s.ApiException<string>) => ({ code: e.code, body: JSON.parse(e.body) }));
    expect(refused).toMatchObject({ code: 422, body: { reason: "Invalid", message: expect.stringContaining(
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}') } });

    const last: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "held", body: { metadata: { finalizers: null } } }, MERGE);
    expect(last.metadata.finalizers).toBeUndefined();
    expect(await status(custom.getNamespacedCustomObject({ ...SS, name: "held" }))).toBe(404);
    await eventually("watch events", async () => events.length >= 3);
    watch.abort();
    expect(events).toEqual([`MODIFIED deleting ${HOLD}`, "MODIFIED deleting ", "DELETED deleting "]);
  });

  it("a built-in kind held by a finalizer answers DELETE with the object, not a Status", async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "cm-held", finalizers: [HOLD] } } });
    await core.deleteNamespacedConfigMap({ namespace: NS, name: "cm-held" });
    const cm = await core.readNamespacedConfigMap({ namespace: NS, name: "cm-held" });
    expect(cm.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    await core.patchNamespacedConfigMap({ namespace: NS, name: "cm-held", body: { metadata: { finalizers: [] } } }, MERGE);
    expect(await status(core.readNamespacedConfigMap({ namespace: NS, name: "cm-held" }))).toBe(404);
  });
});

describe("client-node: ownerReferences garbage collection", () => {
  it("background: deleting the owner deletes its dependents shortly after; a dependent with another owner only loses the reference", async () => {
    const owner: Wire = await custom.createNamespacedCustomObject({ ...SS, body: secretSync("bg-owner") });
    const other = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "bg-other" } } });
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "bg-dep", ownerReferences: [ownedBy(owner)] } } });
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "bg-shared",
      ownerReferences: [ownedBy(owner), ownedBy({ ...other, kind: "ConfigMap", apiVersion: "v1" })] } } });
    await custom.deleteNamespacedCustomObject({ ...SS, name: "bg-owner", propagationPolicy: "Background" });
    expect(await status(custom.getNamespacedCustomObject({ ...SS, name: "bg-owner" }))).toBe(404);
    await eventually("bg-dep to be collected", secretGone("bg-dep"), 2_000);
    await eventually("bg-shared to lose its dead owner", async () =>
      (await core.readNamespacedSecret({ namespace: NS, name: "bg-shared" })).metadata?.ownerReferences?.length === 1);
    expect((await core.readNamespacedSecret({ namespace: NS, name: "bg-shared" })).metadata?.ownerReferences?.[0]?.name).toBe("bg-other");
  });

  it("foreground: the owner stays with foregroundDeletion until its blocking dependent is gone", async () => {
    const owner: Wire = await custom.createNamespacedCustomObject({ ...SS, body: secretSync("fg-owner") });
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "fg-dep", finalizers: [HOLD], ownerReferences: [ownedBy(owner, { block: true })] } } });
    const answer: Wire = await custom.deleteNamespacedCustomObject({ ...SS, name: "fg-owner", propagationPolicy: "Foreground" });
    expect(answer.metadata.finalizers).toEqual(["foregroundDeletion"]);
    await eventually("fg-dep to be marked for deletion", async () =>
      (await core.readNamespacedSecret({ namespace: NS, name: "fg-dep" })).metadata?.deletionTimestamp !== undefined);
    await new Promise((r) => setTimeout(r, 300));
    const waiting: Wire = await custom.getNamespacedCustomObject({ ...SS, name: "fg-owner" });
    expect(waiting.metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ["foregroundDeletion"] });

    await core.patchNamespacedSecret({ namespace: NS, name: "fg-dep", body: { metadata: { finalizers: null } } }, MERGE);
    await eventually("fg-owner to go", async () => (await status(custom.getNamespacedCustomObject({ ...SS, name: "fg-owner" }))) === 404);
  });

  it("orphan: the owner goes, its dependents stay without the reference", async () => {
    const owner = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "orphan-owner" } } });
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "orphan-dep",
      ownerReferences: [ownedBy({ ...owner, kind: "ConfigMap", apiVersion: "v1" })] } } });
    await core.deleteNamespacedConfigMap({ namespace: NS, name: "orphan-owner", propagationPolicy: "Orphan" });
    await eventually("orphan-owner to go", async () => (await status(core.readNamespacedConfigMap({ namespace: NS, name: "orphan-owner" }))) === 404);
    const dep = await core.readNamespacedSecret({ namespace: NS, name: "orphan-dep" });
    expect(dep.metadata?.ownerReferences).toBeUndefined();
  });

  it("orphanDependents=true (the legacy flag) orphans; an owner in another namespace does not count", async () => {
    const owner = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "legacy-owner" } } });
    const ref = ownedBy({ ...owner, kind: "ConfigMap", apiVersion: "v1" });
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "legacy-dep", ownerReferences: [ref] } } });
    await core.createNamespace({ body: { metadata: { name: "elsewhere" } } });
    await core.createNamespacedSecret({ namespace: "elsewhere", body: { metadata: { name: "cross", ownerReferences: [ref] } } });
    await eventually("cross to be collected (its owner is not in its namespace)", secretGone("cross", "elsewhere"), 3_000);

    await core.deleteNamespacedConfigMap({ namespace: NS, name: "legacy-owner", orphanDependents: true });
    await eventually("legacy-owner to go", async () => (await status(core.readNamespacedConfigMap({ namespace: NS, name: "legacy-owner" }))) === 404);
    expect((await core.readNamespacedSecret({ namespace: NS, name: "legacy-dep" })).metadata?.ownerReferences).toBeUndefined();
  });

  it("a dependent whose owner never existed is collected after a short delay", async () => {
    await core.createNamespacedSecret({ namespace: NS, body: { metadata: { name: "dangling",
      ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "nobody", uid: randomUUID() }] } } });
    expect(await status(core.readNamespacedSecret({ namespace: NS, name: "dangling" }))).toBe(200);
    await eventually("dangling to be collected", secretGone("dangling"), 3_000);
  });
});

describe("client-node: namespace deletion", () => {
  it("deletes the contents (honouring finalizers), Terminating meanwhile, then the namespace", async () => {
    await core.createNamespace({ body: { metadata: { name: "doomed" } } });
    await core.createNamespacedConfigMap({ namespace: "doomed", body: { metadata: { name: "plain" } } });
    await core.createNamespacedSecret({ namespace: "doomed", body: { metadata: { name: "held", finalizers: [HOLD] } } });
    const answer = await core.deleteNamespace({ name: "doomed" });
    expect(answer as unknown).toMatchObject({ status: { phase: "Terminating" } });    // a Namespace, typed V1Status by client-node
    await eventually("the plain ConfigMap to go", async () => (await status(core.readNamespacedConfigMap({ namespace: "doomed", name: "plain" }))) === 404);
    const ns = await core.readNamespace({ name: "doomed" });
    expect(ns.status?.phase).toBe("Terminating");
    expect(ns.spec?.finalizers).toEqual(["kubernetes"]);
    const refused = await core.createNamespacedConfigMap({ namespace: "doomed", body: { metadata: { name: "late" } } })
      .catch((e: k8s.ApiException<string>) => ({ code: e.code, body: JSON.parse(e.body) }));
    expect(refused).toMatchObject({ code: 403, body: { reason: "Forbidden",
      message: 'configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated' } });

    await core.patchNamespacedSecret({ namespace: "doomed", name: "held", body: { metadata: { finalizers: null } } }, MERGE);
    await eventually("the namespace to go", async () => (await status(core.readNamespace({ name: "doomed" }))) === 404);
  });
});

describe("garbage collection across a restart", () => {
  it("pending deletions survive a restart, and the collector resumes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kube-gc-restart-"));
    let k = await startTestKube({}, dir);
    const call = k.call;
    await k.namespace("r");
    const owner = (await call("POST", "/api/v1/namespaces/r/configmaps", { body: { metadata: { name: "owner" } } })).json;
    const ref = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid, blockOwnerDeletion: true };
    await call("POST", "/api/v1/namespaces/r/secrets", { body: { metadata: { name: "dep", finalizers: [HOLD], ownerReferences: [ref] } } });
    await call("POST", "/api/v1/namespaces/r/secrets", { body: { metadata: { name: "later", ownerReferences: [{ ...ref, name: "gone", uid: "u-2" }] } } });
    await call("DELETE", "/api/v1/namespaces/r/configmaps/owner", { body: { propagationPolicy: "Foreground" } });
    await k.stop();

    // While no collector runs, an owner is deleted outright (as if the process died before collecting).
    const store = await KubeStore.open({ dir, kinds: KINDS });
    const other = await store.create("configmaps", { metadata: { name: "other", namespace: "r" } });
    await store.create("secrets", { metadata: { name: "orphaned", namespace: "r",
      ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "other", uid: other.metadata.uid }] } });
    await store.delete("configmaps", "r", "other");
    await store.close();

    k = await startTestKube({}, dir);
    try {
      const held = await k.call("GET", "/api/v1/namespaces/r/configmaps/owner");
      expect(held.json.metadata).toMatchObject({ deletionTimestamp: expect.any(String), finalizers: ["foregroundDeletion"] });
      await eventually("orphaned and later to be collected after the restart", async () =>
        (await k.call("GET", "/api/v1/namespaces/r/secrets/orphaned")).status === 404 && (await k.call("GET", "/api/v1/namespaces/r/secrets/later")).status === 404);
      await k.call("PATCH", "/api/v1/namespaces/r/secrets/dep", { body: { metadata: { finalizers: null } }, headers: { "content-type": "application/merge-patch+json" } });
      await eventually("the foreground owner to go", async () => (await k.call("GET", "/api/v1/namespaces/r/configmaps/owner")).status === 404);
    } finally {
      await k.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
