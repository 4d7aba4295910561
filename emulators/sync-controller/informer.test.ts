import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeKubeconfig } from "../kube/kubeconfig";
import { startTestKube, TEST_TOKEN, type TestKube } from "../kube/testing/kube-fixtures";
import { Informer } from "./informer";
import { KubeClient, paths, type KubeObject } from "./kube-client";

/**
 * The controller's list + watch against the Kubernetes stand-in: it resumes where it stopped, and when the server
 * no longer has that resourceVersion (410 Expired) it lists again and reports each difference exactly once.
 */
let t: TestKube;
let kube: KubeClient;
const NS = "inf";

const secretSync = (name: string, force = "") => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name },
  spec: { secretProviderClassName: "spc", serviceAccountName: "sa", forceSynchronization: force || undefined,
    secretObject: { type: "Opaque", data: [{ sourcePath: "a", targetKey: "b" }] } },
});
const create = (name: string) => t.call("POST", `/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${NS}/secretsyncs`, { body: secretSync(name) });

beforeAll(async () => {
  t = await startTestKube({ eventWindow: 5 });
  await t.namespace(NS);
  const file = join(t.dataDir, "kubeconfig");
  await writeKubeconfig(file, { server: t.kube.url, caFile: t.tls.caFile, token: TEST_TOKEN, namespace: NS, clusterName: "t" });
  kube = await KubeClient.fromKubeconfig(file);
});
afterAll(async () => {
  kube?.close();
  await t?.stop();
});

describe("informer", () => {
  it("lists, watches, and after a 410 lists again: every change reported once", async () => {
    await create("before");
    const seen: string[] = [];
    const names = (o: KubeObject) => o.metadata.name;
    const informer = new Informer(kube, paths.secretSyncs(), {
      added: (o) => seen.push(`added ${names(o)}`),
      updated: (old, o) => seen.push(`updated ${names(o)} ${old.metadata.generation}->${o.metadata.generation}`),
      deleted: (o) => seen.push(`deleted ${names(o)}`),
    }, 1);
    await informer.start();
    expect(seen).toEqual(["added before"]);
    await create("live");
    await waitUntil(() => seen.includes("added live"));

    // Watches fail for a while (each retry backs off), during which more changes than the server's window happen.
    await t.call("POST", "/_stack/faults", { body: { match: { method: "WATCH" }, status: 503 } });
    await new Promise((r) => setTimeout(r, 1_300));                  // the open watch times out (1 s) meanwhile
    await t.call("DELETE", "/_stack/stats");
    for (let i = 0; i < 8; i++) await create(`burst-${i}`);
    await t.call("DELETE", `/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${NS}/secretsyncs/before`);
    await t.call("PATCH", `/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${NS}/secretsyncs/live`,
      { body: { spec: { forceSynchronization: "x1" } }, headers: { "content-type": "application/merge-patch+json" } });
    await t.call("DELETE", "/_stack/faults");

    await waitUntil(() => seen.includes("added burst-7") && seen.includes("deleted before"));
    const stats = (await t.call("GET", "/_stack/stats")).json as { byRoute: Record<string, number> };
    expect(stats.byRoute["GET /apis/secret-sync.x-k8s.io/v1alpha1/secretsyncs"]).toBeGreaterThanOrEqual(1);   // re-listed
    expect(seen.filter((s) => s.startsWith("added burst-"))).toHaveLength(8);
    expect(seen.filter((s) => s === "deleted before")).toHaveLength(1);
    expect(seen.filter((s) => s.startsWith("updated live"))).toEqual(["updated live 1->2"]);
    expect([...informer.cache.keys()].sort()).toEqual([`${NS}/live`, ...Array.from({ length: 8 }, (_, i) => `${NS}/burst-${i}`)].sort());
    await informer.stop();
  });
});

async function waitUntil(ok: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}
