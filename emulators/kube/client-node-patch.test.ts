import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFailure, clientNodeFor } from "./testing/client-node";
import { startTestKube, type TestKube } from "./testing/kube-fixtures";

/**
 * @kubernetes/client-node (the portal adapter's client) against the stand-in's PATCH types, server-side apply with
 * its conflicts, and dry runs. Garbage collection, finalizers and namespace deletion: client-node-gc.test.ts.
 */
let t: TestKube;
let core: k8s.CoreV1Api;
let custom: k8s.CustomObjectsApi;
const NS = "patching";
const SS = { group: "secret-sync.x-k8s.io", version: "v1alpha1", namespace: NS, plural: "secretsyncs" };
const APPLY = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply);
const MERGE = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
const JSON_PATCH = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch);
const STRATEGIC = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom objects come back as untyped JSON
type Wire = any;

const syncConfig = (name: string, items: [string, string][], extra: Record<string, unknown> = {}) => ({
  apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name },
  spec: { secretProviderClassName: "spc", serviceAccountName: "aio-ssc-sa", ...extra,
    secretObject: { type: "Opaque", data: items.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })) } },
});

const failure = (call: Promise<unknown>) => apiFailure<Wire>(call);

const managers = (obj: Wire) => (obj.metadata.managedFields ?? []).map((e: Wire) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ""}`);

beforeAll(async () => {
  t = await startTestKube();
  ({ core, custom } = clientNodeFor(t.kube.url, t.tls.ca, NS));
  await core.createNamespace({ body: { metadata: { name: NS } } });
});
afterAll(async () => { await t.stop(); });

describe("client-node: every patch type", () => {
  it("JSON patch, merge patch and strategic merge patch on a built-in kind", async () => {
    await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: "cm", finalizers: ["a.example/x"] }, data: { a: "1" } } });
    const json = await core.patchNamespacedConfigMap({ namespace: NS, name: "cm", body: [{ op: "add", path: "/data/b", value: "2" }] }, JSON_PATCH);
    expect(json.data).toEqual({ a: "1", b: "2" });
    const merge = await core.patchNamespacedConfigMap({ namespace: NS, name: "cm", body: { data: { a: null, c: "3" } } }, MERGE);
    expect(merge.data).toEqual({ b: "2", c: "3" });
    // Strategic merge: finalizers merge as a set (a merge patch would replace the list).
    const strategic = await core.patchNamespacedConfigMap({ namespace: NS, name: "cm",
      body: { metadata: { finalizers: ["b.example/y"] }, data: { d: "4" } } }, STRATEGIC);
    expect(strategic.metadata?.finalizers).toEqual(["a.example/x", "b.example/y"]);
    expect(strategic.data).toEqual({ b: "2", c: "3", d: "4" });
    await core.patchNamespacedConfigMap({ namespace: NS, name: "cm", body: { metadata: { finalizers: null } } }, MERGE);
  });

  it("server-side apply creates (fieldManager required), then merges a list-map by its keys between managers", async () => {
    const missing = await failure(custom.patchNamespacedCustomObject({ ...SS, name: "ssa", body: syncConfig("ssa", [["u", "username"]]) }, APPLY));
    expect(missing.code).toBe(422);
    expect(missing.status.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');

    const created: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "ssa", fieldManager: "controller-a",
      body: syncConfig("ssa", [["u", "username"]]) }, APPLY);
    expect(created.metadata.generation).toBe(1);
    expect(managers(created)).toEqual(["controller-a/Apply"]);
    expect(created.metadata.managedFields[0].fieldsV1["f:spec"]["f:secretObject"]["f:data"]).toEqual({
      'k:{"targetKey":"username"}': { ".": {}, "f:sourcePath": {}, "f:targetKey": {} } });

    // Manager b applies another item of secretObject.data (a list-map keyed by targetKey): both stay.
    const b = syncConfig("ssa", [["p", "password"]]);
    const shared: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "ssa", fieldManager: "controller-b", body: b }, APPLY);
    expect(shared.spec.secretObject.data).toEqual([{ sourcePath: "u", targetKey: "username" }, { sourcePath: "p", targetKey: "password" }]);
    expect(managers(shared)).toEqual(["controller-a/Apply", "controller-b/Apply"]);

    // a stops applying its item and a label it set: both go; b's item and the fields both own stay.
    await custom.patchNamespacedCustomObject({ ...SS, name: "ssa", fieldManager: "controller-a",
      body: { ...syncConfig("ssa", [["u", "username"]]), metadata: { name: "ssa", labels: { team: "a" } } } }, APPLY);
    const dropped: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "ssa", fieldManager: "controller-a",
      body: syncConfig("ssa", [["p", "password"]]) }, APPLY);
    expect(dropped.spec.secretObject.data).toEqual([{ sourcePath: "p", targetKey: "password" }]);
    expect(dropped.metadata.labels).toBeUndefined();
    expect(dropped.spec.serviceAccountName).toBe("aio-ssc-sa");
  });

  it("server-side apply conflicts: 409 Conflict with one cause per field, then force takes ownership", async () => {
    await custom.patchNamespacedCustomObject({ ...SS, name: "owned", fieldManager: "portal",
      body: syncConfig("owned", [["u", "username"]], { forceSynchronization: "one" }) }, APPLY);
    const conflicting = syncConfig("owned", [["other", "username"]], { secretProviderClassName: "spc-2", forceSynchronization: "two" });
    const refused = await failure(custom.patchNamespacedCustomObject({ ...SS, name: "owned", fieldManager: "cli", body: conflicting }, APPLY));
    expect(refused.code).toBe(409);
    expect(refused.status.reason).toBe("Conflict");
    expect(refused.status.message).toBe('Apply failed with 3 conflicts: conflicts with "portal":\n- .spec.forceSynchronization\n' +
      '- .spec.secretObject.data[targetKey="username"].sourcePath\n- .spec.secretProviderClassName');
    expect(refused.status.details.causes).toEqual(expect.arrayContaining([
      { reason: "FieldManagerConflict", message: 'conflict with "portal"', field: ".spec.secretProviderClassName" },
      { reason: "FieldManagerConflict", message: 'conflict with "portal"', field: ".spec.forceSynchronization" },
      { reason: "FieldManagerConflict", message: 'conflict with "portal"', field: '.spec.secretObject.data[targetKey="username"].sourcePath' },
    ]));
    expect(refused.status.details.causes).toHaveLength(3);

    // An Update (merge patch) owner is named with its apiVersion.
    await custom.patchNamespacedCustomObject({ ...SS, name: "owned", fieldManager: "editor", body: { spec: { secretSyncControllerName: "x" } } }, MERGE);
    const byUpdate = await failure(custom.patchNamespacedCustomObject({ ...SS, name: "owned", fieldManager: "cli",
      body: syncConfig("owned", [["u", "username"]], { secretSyncControllerName: "y", forceSynchronization: "one" }) }, APPLY));
    expect(byUpdate.status.message).toBe('Apply failed with 1 conflict: conflict with "editor" using secret-sync.x-k8s.io/v1alpha1: .spec.secretSyncControllerName');

    const forced: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "owned", fieldManager: "cli", force: true, body: conflicting }, APPLY);
    expect(forced.spec.secretProviderClassName).toBe("spc-2");
    const portal = forced.metadata.managedFields.find((e: Wire) => e.manager === "portal");
    expect(portal.fieldsV1["f:spec"]["f:secretProviderClassName"]).toBeUndefined();
    expect(portal.fieldsV1["f:spec"]["f:serviceAccountName"]).toEqual({});       // same value: shared, not taken
    const cli = forced.metadata.managedFields.find((e: Wire) => e.manager === "cli");
    expect(cli.fieldsV1["f:spec"]["f:secretProviderClassName"]).toEqual({});
  });

  it("server-side apply on a built-in kind and on the status subresource", async () => {
    const secret = await core.patchNamespacedSecret({ namespace: NS, name: "applied", fieldManager: "v1-secrets-store-sync-controller",
      body: { apiVersion: "v1", kind: "Secret", metadata: { name: "applied", labels: { "secrets-store.sync.x-k8s.io": "" } },
        type: "Opaque", data: { username: Buffer.from("op").toString("base64") } } }, APPLY);
    expect(secret.data).toEqual({ username: "b3A=" });
    expect(secret.metadata?.managedFields?.[0]).toMatchObject({ manager: "v1-secrets-store-sync-controller", operation: "Apply" });
    // stringData is never stored, yet its applier owns it (ownership is tracked before the Secret rules run).
    const plain = await core.patchNamespacedSecret({ namespace: NS, name: "plain", fieldManager: "operator",
      body: { apiVersion: "v1", kind: "Secret", metadata: { name: "plain" }, stringData: { password: "pw" } } }, APPLY);
    expect(plain.data).toEqual({ password: "cHc=" });
    expect(plain.metadata?.managedFields?.[0]?.fieldsV1).toEqual({ "f:stringData": { "f:password": {} } });

    await custom.patchNamespacedCustomObject({ ...SS, name: "with-status", fieldManager: "portal", body: syncConfig("with-status", [["u", "username"]]) }, APPLY);
    const status: Wire = await custom.patchNamespacedCustomObjectStatus({ ...SS, name: "with-status", fieldManager: "sync-controller",
      body: { apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name: "with-status" }, status: { syncHash: "h1" },
        spec: { serviceAccountName: "ignored-on-status" } } }, APPLY);
    expect(status.status).toEqual({ syncHash: "h1" });
    expect(status.spec.serviceAccountName).toBe("aio-ssc-sa");
    expect(status.metadata.generation).toBe(1);
    expect(managers(status)).toEqual(["portal/Apply", "sync-controller/Apply/status"]);
  });
});

describe("client-node: dryRun=All on every write", () => {
  it("create, replace, patch, apply, status and delete answer as if written, and store nothing", async () => {
    await custom.createNamespacedCustomObject({ ...SS, body: syncConfig("dry", [["u", "username"]]) });
    const before: Wire = await custom.getNamespacedCustomObject({ ...SS, name: "dry" });
    const rv = before.metadata.resourceVersion;
    const storeRv = t.kube.store.resourceVersion;

    const created: Wire = await custom.createNamespacedCustomObject({ ...SS, dryRun: "All", body: syncConfig("dry-new", [["u", "username"]]) });
    expect(created.metadata).toMatchObject({ name: "dry-new", generation: 1, uid: expect.any(String) });
    const replaced: Wire = await custom.replaceNamespacedCustomObject({ ...SS, name: "dry", dryRun: "All",
      body: { ...before, spec: { ...before.spec, forceSynchronization: "dry" } } });
    expect(replaced.spec.forceSynchronization).toBe("dry");
    const patched: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "dry", dryRun: "All", body: { spec: { forceSynchronization: "p" } } }, MERGE);
    expect(patched.metadata.generation).toBe(2);
    const applied: Wire = await custom.patchNamespacedCustomObject({ ...SS, name: "dry", dryRun: "All", fieldManager: "x",
      body: syncConfig("dry", [["u", "username"]], { forceSynchronization: "a" }) }, APPLY);
    expect(applied.spec.forceSynchronization).toBe("a");
    const status: Wire = await custom.patchNamespacedCustomObjectStatus({ ...SS, name: "dry", dryRun: "All", body: { status: { syncHash: "s" } } }, MERGE);
    expect(status.status.syncHash).toBe("s");
    const invalid = await failure(custom.patchNamespacedCustomObject({ ...SS, name: "dry", dryRun: "All", body: { spec: { serviceAccountName: "Not_Valid" } } }, MERGE));
    expect(invalid.code).toBe(422);
    await custom.deleteNamespacedCustomObject({ ...SS, name: "dry", dryRun: "All" });

    const after: Wire = await custom.getNamespacedCustomObject({ ...SS, name: "dry" });
    expect(after).toEqual(before);
    expect(after.metadata.resourceVersion).toBe(rv);
    expect(t.kube.store.resourceVersion).toBe(storeRv);
    expect((await failure(custom.getNamespacedCustomObject({ ...SS, name: "dry-new" }))).code).toBe(404);
  });

  it("refuses an unknown dryRun value", async () => {
    const r = await failure(core.createNamespacedConfigMap({ namespace: NS, dryRun: "Some", body: { metadata: { name: "never" } } }));
    expect(r.code).toBe(422);
    expect(r.status.message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Some"}: supported values: "All"');
  });
});
