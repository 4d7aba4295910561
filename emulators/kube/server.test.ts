import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKube, type TestKube } from "./testing/kube-fixtures";

const SS = "/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/app/secretsyncs";
const SECRETS = "/api/v1/namespaces/app/secrets";

const secretSync = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name },
  spec: { secretProviderClassName: "spc-ops-1", serviceAccountName: "aio-ssc-sa",
    secretObject: { type: "Opaque", data: [{ sourcePath: "kafka-pass", targetKey: "password" }] }, ...extra },
});

let t: TestKube;
beforeAll(async () => {
  t = await startTestKube();
  await t.namespace("app");
});
afterAll(async () => { await t.stop(); });

describe("authentication and media types", () => {
  it("answers a missing or wrong bearer token with a 401 Status", async () => {
    for (const token of [null, "wrong-token"]) {
      const r = await t.call("GET", SECRETS, { token });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ kind: "Status", status: "Failure", reason: "Unauthorized", code: 401 });
    }
  });

  it("answers JSON when protobuf is asked for first, as kubectl falls back", async () => {
    const r = await t.call("GET", SECRETS, { headers: { accept: "application/vnd.kubernetes.protobuf, application/json" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.json.kind).toBe("SecretList");
  });

  it("refuses a protobuf request body with 415", async () => {
    const r = await t.call("POST", SECRETS, { body: "\x00\x01", headers: { "content-type": "application/vnd.kubernetes.protobuf" } });
    expect(r.status).toBe(415);
    expect(r.json.reason).toBe("UnsupportedMediaType");
  });

  it("answers an unknown path with the API server's 404 Status", async () => {
    const r = await t.call("GET", "/apis/nope.example.com/v1/namespaces/app/widgets");
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ reason: "NotFound", message: "the server could not find the requested resource" });
  });
});

describe("create, get, update, delete", () => {
  it("creates with uid, resourceVersion, generation, creationTimestamp and a managedFields entry", async () => {
    const r = await t.call("POST", `${SS}?fieldManager=portal`, { body: secretSync("crud-1") });
    expect(r.status).toBe(201);
    const meta = r.json.metadata;
    expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.generation).toBe(1);
    expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(meta.resourceVersion)).toBeGreaterThan(0);
    expect(meta.managedFields).toEqual([expect.objectContaining({ manager: "portal", operation: "Update", fieldsType: "FieldsV1",
      apiVersion: "secret-sync.x-k8s.io/v1alpha1", fieldsV1: expect.objectContaining({ "f:spec": expect.any(Object) }) })]);
    expect(r.json.spec.secretSyncControllerName).toBe("");            // the CRD's default
    const got = await t.call("GET", `${SS}/crud-1`);
    expect(got.json).toEqual(r.json);
  });

  it("names an object from generateName", async () => {
    const body = secretSync("");
    body.metadata = { generateName: "gen-" } as never;
    const r = await t.call("POST", SS, { body });
    expect(r.status).toBe(201);
    expect(r.json.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it("answers AlreadyExists, NotFound and Conflict with the API server's messages", async () => {
    await t.call("POST", SS, { body: secretSync("crud-2") });
    const again = await t.call("POST", SS, { body: secretSync("crud-2") });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ reason: "AlreadyExists", message: 'secretsyncs.secret-sync.x-k8s.io "crud-2" already exists',
      details: { name: "crud-2", group: "secret-sync.x-k8s.io", kind: "secretsyncs" } });

    const missing = await t.call("GET", `${SS}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.json.message).toBe('secretsyncs.secret-sync.x-k8s.io "nope" not found');
    expect((await t.call("GET", `${SECRETS}/nope`)).json.message).toBe('secrets "nope" not found');

    const current = (await t.call("GET", `${SS}/crud-2`)).json;
    const first = await t.call("PUT", `${SS}/crud-2`, { body: { ...current, spec: { ...current.spec, forceSynchronization: "a1" } } });
    expect(first.status).toBe(200);
    expect(Number(first.json.metadata.resourceVersion)).toBeGreaterThan(Number(current.metadata.resourceVersion));
    const stale = await t.call("PUT", `${SS}/crud-2`, { body: { ...current, spec: { ...current.spec, forceSynchronization: "b2" } } });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ reason: "Conflict", message: 'Operation cannot be fulfilled on secretsyncs.secret-sync.x-k8s.io ' +
      '"crud-2": the object has been modified; please apply your changes to the latest version and try again' });
  });

  it("PUT on a missing object is 404, not a create", async () => {
    const r = await t.call("PUT", `${SS}/ghost`, { body: secretSync("ghost") });
    expect(r.status).toBe(404);
  });

  it("bumps generation on spec changes only, and keeps the resourceVersion for a no-op update", async () => {
    const created = (await t.call("POST", SS, { body: secretSync("gen-1") })).json;
    const same = await t.call("PUT", `${SS}/gen-1`, { body: created });
    expect(same.json.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    const labelled = await t.call("PUT", `${SS}/gen-1`, { body: { ...created, metadata: { ...created.metadata, labels: { a: "b" } } } });
    expect(labelled.json.metadata.generation).toBe(1);
    expect(labelled.json.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    const specced = await t.call("PUT", `${SS}/gen-1`, { body: { ...labelled.json, spec: { ...created.spec, forceSynchronization: "x1" } } });
    expect(specced.json.metadata.generation).toBe(2);
  });

  it("deletes: a custom resource answers with the object, a Secret with a Success Status", async () => {
    await t.call("POST", SS, { body: secretSync("del-1") });
    const r = await t.call("DELETE", `${SS}/del-1`, { body: { propagationPolicy: "Background" } });
    expect(r.status).toBe(200);
    expect(r.json.metadata.name).toBe("del-1");
    expect((await t.call("GET", `${SS}/del-1`)).status).toBe(404);
    await t.call("POST", SECRETS, { body: { metadata: { name: "del-2" } } });
    const s = await t.call("DELETE", `${SECRETS}/del-2`);
    expect(s.json).toMatchObject({ kind: "Status", status: "Success", details: { name: "del-2", kind: "secrets" } });
    expect((await t.call("DELETE", `${SECRETS}/del-2`)).status).toBe(404);
  });

  it("refuses a create in a namespace that does not exist", async () => {
    const r = await t.call("POST", "/api/v1/namespaces/nowhere/secrets", { body: { metadata: { name: "x" } } });
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('namespaces "nowhere" not found');
  });

  it("lists a namespaced kind across namespaces (kubectl get -A)", async () => {
    await t.namespace("other");
    await t.call("POST", "/api/v1/namespaces/other/configmaps", { body: { metadata: { name: "cm-a" }, data: { k: "v" } } });
    await t.call("POST", "/api/v1/namespaces/app/configmaps", { body: { metadata: { name: "cm-b" } } });
    const r = await t.call("GET", "/api/v1/configmaps");
    expect(r.json.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`))
      .toEqual(["app/cm-b", "other/cm-a"]);
    expect((await t.call("POST", "/api/v1/configmaps", { body: { metadata: { name: "x" } } })).status).toBe(405);
  });
});

describe("validation", () => {
  it("answers 422 Invalid naming every failing field", async () => {
    const body = secretSync("bad-1");
    body.spec = { secretProviderClassName: "Not_A_Name", secretObject: { type: "Opaque", data: [] } } as never;
    const r = await t.call("POST", SS, { body });
    expect(r.status).toBe(422);
    expect(r.json.reason).toBe("Invalid");
    expect(r.json.message).toMatch(/^SecretSync\.secret-sync\.x-k8s\.io "bad-1" is invalid: \[/);
    const fields = r.json.details.causes.map((c: { field: string; reason: string }) => `${c.reason} ${c.field}`);
    expect(fields).toEqual(expect.arrayContaining([
      "FieldValueInvalid spec.secretProviderClassName", "FieldValueRequired spec.serviceAccountName",
      "FieldValueInvalid spec.secretObject.data",
    ]));
  });

  it("rejects a duplicate list-map key and a reserved label prefix", async () => {
    const body = secretSync("bad-2");
    body.spec.secretObject = { type: "Opaque", labels: { "secrets-store.sync.x-k8s.io/x": "1" },
      data: [{ sourcePath: "a", targetKey: "k" }, { sourcePath: "b", targetKey: "k" }] } as never;
    const r = await t.call("POST", SS, { body });
    expect(r.status).toBe(422);
    expect(r.json.details.causes).toEqual(expect.arrayContaining([
      expect.objectContaining({ reason: "FieldValueDuplicate", field: "spec.secretObject.data[1]" }),
      expect.objectContaining({ field: "spec.secretObject.labels",
        message: expect.stringContaining("This key is reserved for the controller.") }),
    ]));
  });

  it("validates metadata.name as a DNS subdomain (a Namespace as a DNS label)", async () => {
    const r = await t.call("POST", SS, { body: secretSync("Upper_Case") });
    expect(r.status).toBe(422);
    expect(r.json.details.causes[0]).toMatchObject({ field: "metadata.name", reason: "FieldValueInvalid" });
    const ns = await t.call("POST", "/api/v1/namespaces", { body: { metadata: { name: "a.b" } } });
    expect(ns.status).toBe(422);
  });

  it("prunes unknown fields with a warning, and refuses them with fieldValidation=Strict", async () => {
    const body = { ...secretSync("prune-1"), extra: 1, spec: { ...secretSync("x").spec, bogus: true } };
    const warned = await t.call("POST", SS, { body });
    expect(warned.status).toBe(201);
    expect(warned.json.extra).toBeUndefined();
    expect(warned.json.spec.bogus).toBeUndefined();
    expect(String(warned.headers.warning)).toContain('unknown field \\"spec.bogus\\"');
    const strict = await t.call("POST", `${SS}?fieldValidation=Strict`, { body: { ...body, metadata: { name: "prune-2" } } });
    expect(strict.status).toBe(400);
    expect(strict.json.message).toContain("strict decoding error: unknown field");
  });

  it("dryRun=All validates without storing", async () => {
    const r = await t.call("POST", `${SS}?dryRun=All`, { body: secretSync("dry-1") });
    expect(r.status).toBe(201);
    expect((await t.call("GET", `${SS}/dry-1`)).status).toBe(404);
  });
});

describe("built-in kind rules", () => {
  it("merges Secret stringData into base64 data and never returns it", async () => {
    const r = await t.call("POST", SECRETS, { body: { metadata: { name: "s-1" }, data: { a: "YQ==" }, stringData: { b: "plain" } } });
    expect(r.status).toBe(201);
    expect(r.json.data).toEqual({ a: "YQ==", b: Buffer.from("plain").toString("base64") });
    expect(r.json.stringData).toBeUndefined();
    expect(r.json.type).toBe("Opaque");
    expect((await t.call("GET", `${SECRETS}/s-1`)).json.stringData).toBeUndefined();
  });

  it("refuses non-base64 data, a type change and more than 1 MiB", async () => {
    expect((await t.call("POST", SECRETS, { body: { metadata: { name: "s-2" }, data: { a: "not base64!" } } })).status).toBe(422);
    const created = (await t.call("POST", SECRETS, { body: { metadata: { name: "s-3" }, type: "Opaque" } })).json;
    const retype = await t.call("PUT", `${SECRETS}/s-3`, { body: { ...created, type: "kubernetes.io/tls" } });
    expect(retype.status).toBe(422);
    expect(retype.json.details.causes[0]).toMatchObject({ field: "type", message: expect.stringContaining("field is immutable") });
    const big = Buffer.alloc(1024 * 1024 + 1, 1).toString("base64");
    const tooBig = await t.call("POST", SECRETS, { body: { metadata: { name: "s-4" }, data: { a: big } } });
    expect(tooBig.status).toBe(422);
  });

  it("gives a Namespace phase Active and its name label", async () => {
    const r = await t.call("POST", "/api/v1/namespaces", { body: { metadata: { name: "ns-x" } } });
    expect(r.json.status).toEqual({ phase: "Active" });
    expect(r.json.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "ns-x" });
    expect(r.json.metadata.generation).toBeUndefined();
  });

  it("deleting a Namespace deletes what is in it", async () => {
    await t.namespace("doomed");
    await t.call("POST", "/api/v1/namespaces/doomed/secrets", { body: { metadata: { name: "inside" } } });
    const r = await t.call("DELETE", "/api/v1/namespaces/doomed");
    expect(r.status).toBe(200);
    expect(r.json.status.phase).toBe("Terminating");
    // The namespace deleter (gc.ts) empties it, then removes its `kubernetes` finalizer: both go shortly after.
    for (let i = 0; i < 50 && (await t.call("GET", "/api/v1/namespaces/doomed")).status !== 404; i++) await new Promise((ok) => setTimeout(ok, 50));
    expect((await t.call("GET", "/api/v1/namespaces/doomed/secrets/inside")).status).toBe(404);
    expect((await t.call("GET", "/api/v1/namespaces/doomed")).status).toBe(404);
  });
});

describe("status subresource and PATCH", () => {
  it("writes only .status through /status, and ignores .status on the main resource", async () => {
    const created = (await t.call("POST", SS, { body: { ...secretSync("st-1"), status: { syncHash: "ignored" } } })).json;
    expect(created.status).toBeUndefined();
    const status = { syncHash: "abc", lastSuccessfulSyncTime: "2026-01-01T00:00:00Z" };
    const put = await t.call("PUT", `${SS}/st-1/status`, { body: { ...created, spec: { ...created.spec, forceSynchronization: "zz" }, status } });
    expect(put.status).toBe(200);
    expect(put.json.status).toEqual(status);
    expect(put.json.spec.forceSynchronization).toBeUndefined();
    expect(put.json.metadata.generation).toBe(1);
    const main = await t.call("PUT", `${SS}/st-1`, { body: { ...put.json, status: { syncHash: "overwritten" } } });
    expect(main.json.status).toEqual(status);
    const merged = await t.call("PATCH", `${SS}/st-1/status`, { body: { status: { syncHash: "def" } },
      headers: { "content-type": "application/merge-patch+json" } });
    expect(merged.json.status).toEqual({ ...status, syncHash: "def" });
    expect((await t.call("GET", "/api/v1/namespaces/app/secrets/x/status")).status).toBe(404);
  });

  it("applies merge patches and JSON patches; a stale resourceVersion in the patch is a Conflict", async () => {
    const created = (await t.call("POST", SS, { body: secretSync("p-1") })).json;
    const merge = await t.call("PATCH", `${SS}/p-1`, { body: { spec: { forceSynchronization: "r1" } },
      headers: { "content-type": "application/merge-patch+json" } });
    expect(merge.status).toBe(200);
    expect(merge.json.spec.forceSynchronization).toBe("r1");
    expect(merge.json.metadata.generation).toBe(2);
    const json = await t.call("PATCH", `${SS}/p-1`, { body: [{ op: "replace", path: "/spec/forceSynchronization", value: "r2" }],
      headers: { "content-type": "application/json-patch+json" } });
    expect(json.json.spec.forceSynchronization).toBe("r2");
    const stale = await t.call("PATCH", `${SS}/p-1`, { body: { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { forceSynchronization: "r3" } },
      headers: { "content-type": "application/merge-patch+json" } });
    expect(stale.status).toBe(409);
    const invalid = await t.call("PATCH", `${SS}/p-1`, { body: { spec: { serviceAccountName: null } },
      headers: { "content-type": "application/merge-patch+json" } });
    expect(invalid.status).toBe(422);
    const unsupported = await t.call("PATCH", `${SS}/p-1`, { body: {}, headers: { "content-type": "text/plain" } });
    expect(unsupported.status).toBe(415);
  });

  it("applies strategic merge patches to built-in kinds and refuses them for custom kinds (415)", async () => {
    await t.call("POST", SECRETS, { body: { metadata: { name: "smp-1", labels: { a: "1" } }, data: { k: "dg==" } } });
    const r = await t.call("PATCH", `${SECRETS}/smp-1`, { body: { metadata: { labels: { b: "2" } }, data: { k: null, j: "dw==" } },
      headers: { "content-type": "application/strategic-merge-patch+json" } });
    expect(r.status).toBe(200);
    expect(r.json.metadata.labels).toEqual({ a: "1", b: "2" });
    expect(r.json.data).toEqual({ j: "dw==" });
    await t.call("POST", SS, { body: secretSync("smp-2") });
    const crd = await t.call("PATCH", `${SS}/smp-2`, { body: { spec: {} }, headers: { "content-type": "application/strategic-merge-patch+json" } });
    expect(crd.status).toBe(415);
  });
});

describe("deletion options", () => {
  it("honours a resourceVersion precondition and deletes a collection by selector", async () => {
    const a = (await t.call("POST", "/api/v1/namespaces/app/configmaps", { body: { metadata: { name: "dc-a", labels: { batch: "1" } } } })).json;
    await t.call("POST", "/api/v1/namespaces/app/configmaps", { body: { metadata: { name: "dc-b", labels: { batch: "1" } } } });
    await t.call("POST", "/api/v1/namespaces/app/configmaps", { body: { metadata: { name: "dc-c" } } });
    await t.call("PATCH", "/api/v1/namespaces/app/configmaps/dc-a", { body: { data: { x: "1" } }, headers: { "content-type": "application/merge-patch+json" } });
    const stale = await t.call("DELETE", "/api/v1/namespaces/app/configmaps/dc-a", { body: { preconditions: { resourceVersion: a.metadata.resourceVersion } } });
    expect(stale.status).toBe(409);
    const gone = await t.call("DELETE", "/api/v1/namespaces/app/configmaps?labelSelector=batch%3D1");
    expect(gone.status).toBe(200);
    expect(gone.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["dc-a", "dc-b"]);
    expect((await t.call("GET", "/api/v1/namespaces/app/configmaps/dc-c")).status).toBe(200);
  });
});
