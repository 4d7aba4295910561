import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KindDefinition } from "./kinds/types";
import type { KubeObject } from "./store-types";
import { openWatch, startTestKube, type TestKube } from "./testing/kube-fixtures";

const CM = "/api/v1/namespaces/lw/configmaps";
const names = (list: { items: { metadata: { name: string } }[] }) => list.items.map((i) => i.metadata.name);

let t: TestKube;
/** A stand-in Table function, as the injected one shapes it: one row per object. */
const table = (def: KindDefinition, objects: readonly KubeObject[], o: { resourceVersion: string }) => ({
  kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: { resourceVersion: o.resourceVersion },
  columnDefinitions: [{ name: "Name", type: "string" }], rows: objects.map((x) => ({ cells: [x.metadata.name], kindSeen: def.kind })),
});

beforeAll(async () => {
  t = await startTestKube({ bookmarkIntervalMs: 100, eventWindow: 50, table });
  await t.namespace("lw");
  for (const [name, labels] of [["a", { app: "web", tier: "front" }], ["b", { app: "web", tier: "back" }],
    ["c", { app: "db" }], ["d", {}]] as const) {
    await t.call("POST", CM, { body: { metadata: { name, labels } } });
  }
});
afterAll(async () => { await t.stop(); });

describe("selectors", () => {
  it.each([
    ["app=web", ["a", "b"]], ["app==web", ["a", "b"]], ["app!=web", ["c", "d"]], ["app in (web,db)", ["a", "b", "c"]],
    ["app notin (web)", ["c", "d"]], ["tier", ["a", "b"]], ["!tier", ["c", "d"]], ["app=web,tier=back", ["b"]],
  ])("labelSelector %s", async (selector, expected) => {
    const r = await t.call("GET", `${CM}?labelSelector=${encodeURIComponent(selector)}`);
    expect(names(r.json)).toEqual(expected);
  });

  it("fieldSelector on metadata.name and a kind's selectable field", async () => {
    expect(names((await t.call("GET", `${CM}?fieldSelector=metadata.name%3Dc`)).json)).toEqual(["c"]);
    expect(names((await t.call("GET", `${CM}?fieldSelector=metadata.name!%3Dc`)).json)).toEqual(["a", "b", "d"]);
    await t.call("POST", "/api/v1/namespaces/lw/secrets", { body: { metadata: { name: "tls" }, type: "kubernetes.io/tls",
      data: { "tls.crt": "", "tls.key": "" } } });
    await t.call("POST", "/api/v1/namespaces/lw/secrets", { body: { metadata: { name: "plain" } } });
    const tls = await t.call("GET", "/api/v1/namespaces/lw/secrets?fieldSelector=type%3Dkubernetes.io%2Ftls");
    expect(names(tls.json)).toEqual(["tls"]);
  });

  it("answers a malformed selector with 400 BadRequest", async () => {
    for (const q of ["labelSelector=a%20in%20(x", "labelSelector=%3D%3Dx", "fieldSelector=spec.foo%3D1"]) {
      const r = await t.call("GET", `${CM}?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.reason).toBe("BadRequest");
    }
  });
});

describe("paging", () => {
  it("pages with limit and continue, counting what remains", async () => {
    const first = (await t.call("GET", `${CM}?limit=3`)).json;
    expect(names(first)).toEqual(["a", "b", "c"]);
    expect(first.metadata.remainingItemCount).toBe(1);
    expect(first.metadata.continue).toEqual(expect.any(String));
    const second = (await t.call("GET", `${CM}?limit=3&continue=${encodeURIComponent(first.metadata.continue)}`)).json;
    expect(names(second)).toEqual(["d"]);
    expect(second.metadata.continue).toBeUndefined();
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it("answers a malformed continue with 400 and one older than the window with 410 Expired", async () => {
    expect((await t.call("GET", `${CM}?limit=1&continue=garbage`)).status).toBe(400);
    const first = (await t.call("GET", `${CM}?limit=1`)).json;
    for (let i = 0; i < 60; i++) await t.call("POST", "/api/v1/namespaces/lw/events", { body: { metadata: { name: `churn-${i}` },
      involvedObject: { kind: "ConfigMap", name: "a" }, reason: "Test" } });
    const old = await t.call("GET", `${CM}?limit=1&continue=${encodeURIComponent(first.metadata.continue)}`);
    expect(old.status).toBe(410);
    expect(old.json.reason).toBe("Expired");
  });

  it("answers kubectl's Table Accept with the injected table", async () => {
    const r = await t.call("GET", `${CM}?limit=500`, { headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" } });
    expect(r.json.kind).toBe("Table");
    expect(r.json.rows.map((row: { cells: string[] }) => row.cells[0])).toEqual(["a", "b", "c", "d"]);
  });
});

describe("watch", () => {
  it("without a resourceVersion: ADDED for current objects, then live ADDED/MODIFIED/DELETED", async () => {
    const w = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=true`);
    expect(w.status).toBe(200);
    await w.waitFor(4);
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED a", "ADDED b", "ADDED c", "ADDED d"]);
    await t.call("POST", CM, { body: { metadata: { name: "e" } } });
    await t.call("PATCH", `${CM}/e`, { body: { data: { k: "v" } }, headers: { "content-type": "application/merge-patch+json" } });
    await t.call("DELETE", `${CM}/e`);
    await w.waitFor(7);
    expect(w.events.slice(4).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED e", "MODIFIED e", "DELETED e"]);
    const rvs = w.events.slice(4).map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
    w.close();
  });

  it("resumes from a resourceVersion, and answers one older than the window with an ERROR 410 event", async () => {
    const list = (await t.call("GET", CM)).json;
    await t.call("PATCH", `${CM}/a`, { body: { data: { n: "1" } }, headers: { "content-type": "application/merge-patch+json" } });
    const w = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    await w.waitFor(1);
    expect(w.events[0]).toMatchObject({ type: "MODIFIED", object: { metadata: { name: "a" }, data: { n: "1" } } });
    w.close();
    const old = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=true&resourceVersion=1`);
    await old.ended;
    expect(old.events).toEqual([{ type: "ERROR", object: expect.objectContaining({ kind: "Status", code: 410, reason: "Expired",
      message: expect.stringMatching(/^too old resource version: 1 \(\d+\)$/) }) }]);
  });

  it("applies selectors: an object that stops matching is DELETED for the watcher", async () => {
    const rv = (await t.call("GET", CM)).json.metadata.resourceVersion;
    const w = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=true&labelSelector=app%3Dweb&resourceVersion=${rv}`);
    await t.call("PATCH", `${CM}/c`, { body: { metadata: { labels: { app: "web" } } }, headers: { "content-type": "application/merge-patch+json" } });
    await t.call("PATCH", `${CM}/d`, { body: { data: { x: "1" } }, headers: { "content-type": "application/merge-patch+json" } });
    await t.call("PATCH", `${CM}/c`, { body: { metadata: { labels: { app: "db" } } }, headers: { "content-type": "application/merge-patch+json" } });
    await w.waitFor(2);
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED c", "DELETED c"]);
    w.close();
  });

  it("sends BOOKMARK events when asked, and ends at timeoutSeconds", async () => {
    const w = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=${(await t.call("GET", CM)).json.metadata.resourceVersion}`);
    const started = Date.now();
    await w.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(3_000);
    const bookmarks = w.events.filter((e) => e.type === "BOOKMARK");
    expect(bookmarks.length).toBeGreaterThanOrEqual(3);
    expect(bookmarks[0]?.object).toEqual({ kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
  });

  it("emits one-row Tables for a Table watch", async () => {
    const rv = (await t.call("GET", CM)).json.metadata.resourceVersion;
    const w = await openWatch(t.kube.url, t.tls.ca, `${CM}?watch=true&resourceVersion=${rv}`,
      { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" });
    await t.call("PATCH", `${CM}/b`, { body: { data: { t: "1" } }, headers: { "content-type": "application/merge-patch+json" } });
    await w.waitFor(1);
    expect(w.events[0]).toMatchObject({ type: "MODIFIED", object: { kind: "Table", rows: [{ cells: ["b"] }] } });
    w.close();
  });

  it("watches across namespaces on the all-namespaces path", async () => {
    const w = await openWatch(t.kube.url, t.tls.ca, `/api/v1/configmaps?watch=true&resourceVersion=${(await t.call("GET", CM)).json.metadata.resourceVersion}`);
    await t.namespace("lw2");
    await t.call("POST", "/api/v1/namespaces/lw2/configmaps", { body: { metadata: { name: "z" } } });
    await w.waitFor(1);
    expect(w.events[0]).toMatchObject({ type: "ADDED", object: { metadata: { namespace: "lw2", name: "z" } } });
    w.close();
  });
});
