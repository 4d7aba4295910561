import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startKubectlHarness, type KubectlHarness, kubectlOk, secretSyncYaml } from "./testing/kubectl";

/**
 * The machine's kubectl against the stand-in's patches, server-side apply, explain, garbage collection and server
 * dry runs: every step asserts on what kubectl prints. Commands that work and do not: emulators/kube/README.md.
 */
let h: KubectlHarness;
beforeAll(async () => { h = await startKubectlHarness(); });
afterAll(async () => { await h?.stop(); });

const RESOURCE = "secretsync.secret-sync.x-k8s.io";

const syncYaml = secretSyncYaml;

const ok = (args: string[]) => kubectlOk(h, args);

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("kubectl: patches, server-side apply, explain, garbage collection, dry runs", () => {
  it("patch --type merge and --type json change a SecretSync", async () => {
    await ok(["apply", "-f", await h.manifest("p.yaml", syncYaml("patched"))]);
    expect(await ok(["patch", "secretsync", "patched", "--type", "merge", "-p", '{"spec":{"forceSynchronization":"r1"}}']))
      .toBe(`${RESOURCE}/patched patched\n`);
    expect(await ok(["get", "secretsync", "patched", "-o", "jsonpath={.spec.forceSynchronization}"])).toBe("r1");
    expect(await ok(["patch", "secretsync", "patched", "--type", "json",
      "-p", '[{"op":"replace","path":"/spec/secretObject/data/0/targetKey","value":"user"}]'])).toBe(`${RESOURCE}/patched patched\n`);
    expect(await ok(["get", "secretsync", "patched", "-o", "jsonpath={.spec.secretObject.data[0].targetKey} {.metadata.generation}"]))
      .toBe("user 3");
    const failed = await h.run(["patch", "secretsync", "patched", "--type", "json", "-p", '[{"op":"remove","path":"/spec/nothing"}]']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('The request is invalid: the server rejected our request due to an error in our request: ' +
      'jsonpatch remove operation does not apply: doc is missing path: "/spec/nothing"');
  });

  it("apply --server-side, a conflicting field manager refused naming field and manager, then --force-conflicts", async () => {
    const file = await h.manifest("ssa.yaml", syncYaml("ssa-one"));
    expect(await ok(["apply", "--server-side", "-f", file])).toBe(`${RESOURCE}/ssa-one serverside-applied\n`);
    expect(await ok(["apply", "--server-side", "-f", file])).toBe(`${RESOURCE}/ssa-one serverside-applied\n`);

    const other = await h.manifest("ssa-other.yaml", syncYaml("ssa-one", { spc: "spc-other" }));
    const refused = await h.run(["apply", "--server-side", "--field-manager", "portal", "-f", other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .spec.secretProviderClassName');
    expect(refused.stderr).toContain("--force-conflicts");
    expect(await ok(["get", "secretsync", "ssa-one", "-o", "jsonpath={.spec.secretProviderClassName}"])).toBe("spc-ops-d6f672d");

    expect(await ok(["apply", "--server-side", "--field-manager", "portal", "--force-conflicts", "-f", other]))
      .toBe(`${RESOURCE}/ssa-one serverside-applied\n`);
    const yaml = await ok(["get", "secretsync", "ssa-one", "-o", "yaml", "--show-managed-fields"]);
    expect(yaml).toContain("secretProviderClassName: spc-other");
    const entries = (parse(yaml) as { metadata: { managedFields: { manager: string; operation: string; fieldsV1: { "f:spec": Record<string, unknown> } }[] } })
      .metadata.managedFields;
    const portal = entries.find((e) => e.manager === "portal");
    expect(portal?.operation).toBe("Apply");
    expect(portal?.fieldsV1["f:spec"]["f:secretProviderClassName"]).toEqual({});
    const kubectl = entries.find((e) => e.manager === "kubectl");
    expect(kubectl?.fieldsV1["f:spec"]["f:secretProviderClassName"]).toBeUndefined();
    expect(kubectl?.fieldsV1["f:spec"]["f:secretObject"]).toMatchObject({ "f:data": { 'k:{"targetKey":"username"}': { ".": {} } } });
  });

  it("apply --server-side of an object first applied client-side moves it to server-side ownership", async () => {
    expect(await ok(["apply", "-f", await h.manifest("csa.yaml", syncYaml("client-first"))])).toBe(`${RESOURCE}/client-first created\n`);
    // A changed field is no conflict: kubectl first hands kubectl-client-side-apply's fields to its own manager.
    const changed = await h.manifest("csa-changed.yaml", syncYaml("client-first", { spc: "spc-next" }));
    expect(await ok(["apply", "--server-side", "-f", changed])).toBe(`${RESOURCE}/client-first serverside-applied\n`);
    const live = JSON.parse(await ok(["get", "secretsync", "client-first", "-o", "json", "--show-managed-fields"]));
    expect(live.spec.secretProviderClassName).toBe("spc-next");
    const managers = live.metadata.managedFields.map((e: { manager: string; operation: string }) => `${e.manager} ${e.operation}`);
    expect(managers).toEqual(expect.arrayContaining(["kubectl Apply", "kubectl-last-applied Apply"]));
    expect(managers).not.toContain("kubectl-client-side-apply Update");
  });

  it("explain secretsync.spec names its fields", async () => {
    const out = await ok(["explain", "secretsync.spec"]);
    expect(out).toMatch(/^GROUP:\s+secret-sync\.x-k8s\.io$/m);
    expect(out).toMatch(/^FIELD: spec <Object>$/m);
    for (const field of ["secretProviderClassName", "serviceAccountName", "secretObject", "forceSynchronization"]) {
      expect(out).toMatch(new RegExp(`^ {2}${field}\\s+<(string|Object)>`, "m"));
    }
    expect(await ok(["explain", "secretsync.spec.secretObject.data"])).toMatch(/targetKey\s+<string> -required-/);
  });

  it("delete of a SecretSync removes the Secret it owns (ownerReference by uid)", async () => {
    await ok(["apply", "-f", await h.manifest("owner.yaml", syncYaml("owner"))]);
    const uid = await ok(["get", "secretsync", "owner", "-o", "jsonpath={.metadata.uid}"]);
    await ok(["apply", "-f", await h.manifest("owned.yaml", `
apiVersion: v1
kind: Secret
metadata:
  name: owner
  ownerReferences: [{apiVersion: secret-sync.x-k8s.io/v1alpha1, kind: SecretSync, name: owner, uid: ${uid}}]
stringData: {username: operator}
`)]);
    await ok(["create", "secret", "generic", "bystander", "--from-literal=a=b"]);
    await new Promise((r) => setTimeout(r, 700));                    // longer than the collector's grace for new objects
    expect(await ok(["get", "secret", "owner", "-o", "name"])).toBe("secret/owner\n");

    expect(await ok(["delete", "secretsync", "owner"])).toBe(`${RESOURCE} "owner" deleted\n`);
    await eventually("the owned Secret to go", async () => {
      const r = await h.run(["get", "secret", "owner"]);
      return r.stderr.includes('Error from server (NotFound): secrets "owner" not found') ? true : undefined;
    });
    expect(await ok(["get", "secret", "bystander", "-o", "name"])).toBe("secret/bystander\n");
  });

  it("delete namespace: Terminating while an object's finalizer holds it, then gone with its contents", async () => {
    expect(await ok(["create", "namespace", "line-3"])).toBe("namespace/line-3 created\n");
    await ok(["create", "secret", "generic", "plain", "-n", "line-3", "--from-literal=a=b"]);
    await ok(["create", "configmap", "held", "-n", "line-3"]);
    await ok(["patch", "configmap", "held", "-n", "line-3", "-p", '{"metadata":{"finalizers":["example.com/hold"]}}']);
    expect(await ok(["delete", "namespace", "line-3", "--wait=false"])).toBe('namespace "line-3" deleted\n');
    expect(await ok(["get", "namespace", "line-3"])).toMatch(/^line-3\s+Terminating\s+\d+s$/m);
    await eventually("the plain Secret to go", async () =>
      ((await h.run(["get", "secret", "plain", "-n", "line-3"])).stderr.includes("NotFound") ? true : undefined));
    const refused = await h.run(["create", "configmap", "late", "-n", "line-3"]);
    expect(refused.stderr).toContain("unable to create new content in namespace line-3 because it is being terminated");
    await ok(["patch", "configmap", "held", "-n", "line-3", "--type", "json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await eventually("the namespace to go", async () =>
      ((await h.run(["get", "namespace", "line-3"])).stderr.includes('namespaces "line-3" not found') ? true : undefined));
  });

  it("--dry-run=server: create, apply --server-side and delete write nothing", async () => {
    const file = await h.manifest("dry.yaml", syncYaml("dry"));
    expect(await ok(["create", "-f", file, "--dry-run=server"])).toBe(`${RESOURCE}/dry created (server dry run)\n`);
    expect((await h.run(["get", "secretsync", "dry"])).stderr).toContain(`secretsyncs.secret-sync.x-k8s.io "dry" not found`);
    expect(await ok(["apply", "--server-side", "-f", file, "--dry-run=server"])).toBe(`${RESOURCE}/dry serverside-applied (server dry run)\n`);
    expect((await h.run(["get", "secretsync", "dry"])).stderr).toContain(`secretsyncs.secret-sync.x-k8s.io "dry" not found`);

    expect(await ok(["apply", "--server-side", "-f", file])).toBe(`${RESOURCE}/dry serverside-applied\n`);
    const before = await ok(["get", "secretsync", "dry", "-o", "jsonpath={.metadata.resourceVersion}"]);
    const changed = await h.manifest("dry-changed.yaml", syncYaml("dry", { targetKey: "changed" }));
    expect(await ok(["apply", "--server-side", "-f", changed, "--dry-run=server"])).toBe(`${RESOURCE}/dry serverside-applied (server dry run)\n`);
    expect(await ok(["delete", "secretsync", "dry", "--dry-run=server"])).toBe(`${RESOURCE} "dry" deleted (server dry run)\n`);
    expect(await ok(["get", "secretsync", "dry", "-o", "jsonpath={.metadata.resourceVersion} {.spec.secretObject.data[0].targetKey}"]))
      .toBe(`${before} username`);
  });
});
