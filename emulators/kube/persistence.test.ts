import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KINDS } from "./kinds";
import { KubeStore } from "./store";
import { openWatch, startTestKube } from "./testing/kube-fixtures";

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "kube-persist-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe("persistence", () => {
  it("keeps objects across a restart; resourceVersions resume upward; an older watch version is 410", async () => {
    const a = await startTestKube({}, dir);
    await a.namespace("p");
    const created = (await a.call("POST", "/api/v1/namespaces/p/secrets", { body: { metadata: { name: "keep" }, stringData: { k: "v" } } })).json;
    const deleted = (await a.call("POST", "/api/v1/namespaces/p/configmaps", { body: { metadata: { name: "gone" } } })).json;
    await a.call("DELETE", "/api/v1/namespaces/p/configmaps/gone");
    const before = (await a.call("GET", "/api/v1/namespaces/p/secrets")).json.metadata.resourceVersion;
    await a.stop();

    const b = await startTestKube({}, dir);
    expect((await b.call("GET", "/api/v1/namespaces/p/secrets/keep")).json).toEqual(created);
    expect((await b.call("GET", "/api/v1/namespaces/p/configmaps/gone")).status).toBe(404);
    const list = (await b.call("GET", "/api/v1/namespaces/p/secrets")).json;
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(Number(deleted.metadata.resourceVersion));
    expect(list.metadata.resourceVersion).toBe(before);
    const next = (await b.call("POST", "/api/v1/namespaces/p/secrets", { body: { metadata: { name: "new" } } })).json;
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(before));
    const w = await openWatch(b.kube.url, b.tls.ca, `/api/v1/namespaces/p/secrets?watch=true&resourceVersion=${created.metadata.resourceVersion}`);
    await w.ended;
    expect(w.events[0]).toMatchObject({ type: "ERROR", object: { code: 410, reason: "Expired" } });
    await b.stop();
  });

  it("serves in-process callers: create, update with a stale version, list, delete, watch", async () => {
    const store = await KubeStore.open({ dir: join(dir, "in-process"), kinds: KINDS });
    await store.create("namespaces", { metadata: { name: "ip" } });
    const seen: string[] = [];
    const watch = store.watch("secretsyncs.secret-sync.x-k8s.io", { namespace: "ip" }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const ss = await store.create("secretsyncs.secret-sync.x-k8s.io", { metadata: { name: "s", namespace: "ip" },
      spec: { secretProviderClassName: "spc", serviceAccountName: "sa", secretObject: { type: "Opaque", data: [{ sourcePath: "a", targetKey: "a" }] } } });
    const withStatus = await store.update("secretsyncs.secret-sync.x-k8s.io", { ...ss, status: { syncHash: "h" } }, { subresource: "status" });
    expect(withStatus.status).toEqual({ syncHash: "h" });
    await expect(store.update("secretsyncs.secret-sync.x-k8s.io", ss)).rejects.toMatchObject({ status: 409, reason: "Conflict" });
    expect(store.list("secretsyncs.secret-sync.x-k8s.io", { namespace: "ip" }).items).toHaveLength(1);
    await store.delete("secretsyncs.secret-sync.x-k8s.io", "ip", "s");
    expect(seen).toEqual(["ADDED s", "MODIFIED s", "DELETED s"]);
    watch.stop();
    await store.close();
  });
});
