import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWatch, startTestKube, type TestKube } from "./testing/kube-fixtures";

/**
 * Wire details of server-side apply, write options and dry runs that the client tests do not show: YAML bodies,
 * 201 on create-on-apply, option errors worded as kube-apiserver's, and no watch event for a dry run.
 */
let t: TestKube;
const SS = "/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/wire/secretsyncs";
const APPLY = { "content-type": "application/apply-patch+yaml" };

const yaml = (name: string, targetKey: string) => `apiVersion: secret-sync.x-k8s.io/v1alpha1
kind: SecretSync
metadata:
  name: ${name}
spec:
  secretProviderClassName: spc
  serviceAccountName: aio-ssc-sa
  secretObject:
    type: Opaque
    data:
      - sourcePath: src
        targetKey: ${targetKey}
`;

beforeAll(async () => {
  t = await startTestKube();
  await t.namespace("wire");
});
afterAll(async () => { await t.stop(); });

describe("server-side apply on the wire", () => {
  it("takes a YAML body: 201 when it creates, 200 after; a YAML error is 400", async () => {
    const created = await t.call("PATCH", `${SS}/from-yaml?fieldManager=ops`, { body: yaml("from-yaml", "username"), headers: APPLY });
    expect(created.status).toBe(201);
    expect(created.json.spec.secretObject.data).toEqual([{ sourcePath: "src", targetKey: "username" }]);
    const again = await t.call("PATCH", `${SS}/from-yaml?fieldManager=ops`, { body: yaml("from-yaml", "password"), headers: APPLY });
    expect(again.status).toBe(200);
    expect(again.json.spec.secretObject.data).toEqual([{ sourcePath: "src", targetKey: "password" }]);   // the old item was ops' own
    expect(again.json.metadata.generation).toBe(2);
    const unchanged = await t.call("PATCH", `${SS}/from-yaml?fieldManager=ops`, { body: yaml("from-yaml", "password"), headers: APPLY });
    expect(unchanged.json.metadata.resourceVersion).toBe(again.json.metadata.resourceVersion);
    const broken = await t.call("PATCH", `${SS}/from-yaml?fieldManager=ops`, { body: "spec: [unclosed", headers: APPLY });
    expect(broken.status).toBe(400);
    expect(broken.json.message).toMatch(/^error decoding YAML: /);
    const status = await t.call("PATCH", `${SS}/missing/status?fieldManager=ops`, { body: yaml("missing", "x"), headers: APPLY });
    expect(status.status).toBe(404);
  });

  it("lets a client rewrite or reset managedFields on the main resource (kubectl's client-side to server-side handover)", async () => {
    await t.call("PATCH", `${SS}/handover?fieldManager=old`, { body: yaml("handover", "username"), headers: APPLY });
    const renamed = await t.call("PATCH", `${SS}/handover`, { headers: { "content-type": "application/json-patch+json" }, body: [
      { op: "replace", path: "/metadata/managedFields/0/manager", value: "new" }] });
    expect(renamed.json.metadata.managedFields.map((e: { manager: string }) => e.manager)).toEqual(["new"]);
    const conflict = await t.call("PATCH", `${SS}/handover?fieldManager=other`, { headers: APPLY,
      body: yaml("handover", "username").replace("secretProviderClassName: spc", "secretProviderClassName: spc-2") });
    expect(conflict.json.message).toContain('conflict with "new"');
    const reset = await t.call("PATCH", `${SS}/handover`, { headers: { "content-type": "application/merge-patch+json" },
      body: { metadata: { managedFields: [{}] } } });
    expect(reset.json.metadata.managedFields).toBeUndefined();
  });

  it("refuses bad write options as kube-apiserver does (422 on the Options kind)", async () => {
    const force = await t.call("PATCH", `${SS}/from-yaml?force=true`, { body: { spec: {} }, headers: { "content-type": "application/merge-patch+json" } });
    expect(force.status).toBe(422);
    expect(force.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    const policy = await t.call("DELETE", `${SS}/from-yaml?propagationPolicy=Later`);
    expect(policy.json.message).toBe('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": ' +
      'supported values: "Foreground", "Background", "Orphan"');
    const dry = await t.call("PUT", `${SS}/from-yaml?dryRun=Yes`, { body: {} });
    expect(dry.json).toMatchObject({ code: 422, reason: "Invalid", details: { group: "meta.k8s.io", kind: "UpdateOptions",
      causes: [{ reason: "FieldValueNotSupported", field: "dryRun" }] } });
  });

  it("sends no watch event for a dry run", async () => {
    const list = await t.call("GET", SS);
    const watch = await openWatch(t.kube.url, t.tls.ca, `${SS}?watch=true&resourceVersion=${list.json.metadata.resourceVersion}`);
    try {
      await t.call("PATCH", `${SS}/from-yaml?fieldManager=ops&dryRun=All`, { body: yaml("from-yaml", "dry"), headers: APPLY });
      await t.call("POST", `${SS}?dryRun=All`, { body: JSON.parse(JSON.stringify({ ...list.json.items[0], metadata: { name: "dry-new" } })) });
      await t.call("DELETE", `${SS}/from-yaml?dryRun=All`);
      await t.call("PATCH", `${SS}/from-yaml`, { body: { spec: { forceSynchronization: "real" } }, headers: { "content-type": "application/merge-patch+json" } });
      const [first] = await watch.waitFor(1);
      expect(first?.type).toBe("MODIFIED");
      expect(first?.object.spec.forceSynchronization).toBe("real");
      expect(first?.object.spec.secretObject.data[0].targetKey).toBe("password");
      await new Promise((r) => setTimeout(r, 100));
      expect(watch.events).toHaveLength(1);
    } finally {
      watch.close();
    }
  });
});
