import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newSpcObjectInput } from "@/lib/schemas/spc-object";
import { AppError } from "@/server/errors";
import { createKubeAdapter, type KubeAdapter } from "@/server/adapters/kube";
import { startLocalCluster, type LocalCluster } from "@/server/adapters/kube/testing/local-cluster";

// The Azure CLI's rewritten form, with a field the provider does not know: both must survive every edit.
const CLI_OBJECTS = "array:\n    - |\n      objectName: kafka-user\n      objectType: secret\n    - |\n"
  + "      objectName: kafka-pass\n      objectType: secret\n      objectVersion: ''\n      customField: keep-me\n";
const SPC = { group: "secrets-store.csi.x-k8s.io", version: "v1", plural: "secretproviderclasses" };

let cluster: LocalCluster;
let kube: KubeAdapter;

async function createSpc(name: string, objects: string) {
  await cluster.raw.custom.createNamespacedCustomObject({ ...SPC, namespace: cluster.namespace, body: {
    apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", metadata: { name },
    spec: { provider: "azure", parameters: { keyvaultName: "opsportal-demo-kv", tenantId: "t-1", clientID: "c-1",
      usePodIdentity: "false", objects } },
  } });
}

async function rawObjects(name: string): Promise<string> {
  const o = (await cluster.raw.custom.getNamespacedCustomObject({ ...SPC, namespace: cluster.namespace, name })) as
    { spec: { parameters: Record<string, string> } };
  return o.spec.parameters.objects ?? "";
}

const add = (objectName: string) => newSpcObjectInput.parse({ objectName });
const providerItems = (text: string) => ((parse(text) as { array?: string[] } | null)?.array ?? []);

beforeAll(async () => {
  cluster = await startLocalCluster();
  kube = cluster.adapter();
  await createSpc("spc-ops-test", CLI_OBJECTS);
});
afterAll(() => cluster?.stop());
afterEach(() => cluster.hooks("DELETE", "faults"));

describe("kube adapter: instance and SecretProviderClasses (local stack)", () => {
  it("reads the instance and its default SecretProviderClass reference", async () => {
    // The demo seed enables secret sync: the instance names its default class as `az iot ops secretsync enable` does.
    const seeded = await kube.instance.get();
    expect(seeded).toMatchObject({ name: cluster.instanceName, namespace: cluster.namespace, provisioningState: "Succeeded" });
    expect(seeded.defaultSecretProviderClass?.name).toMatch(/^spc-ops-[0-9a-f]{7}$/);
    const instance = await cluster.raw.custom.getNamespacedCustomObject({ group: "iotoperations.azure.com", version: "v1",
      namespace: cluster.namespace, plural: "instances", name: cluster.instanceName }) as { spec: Record<string, unknown> };
    await cluster.raw.custom.replaceNamespacedCustomObject({ group: "iotoperations.azure.com", version: "v1",
      namespace: cluster.namespace, plural: "instances", name: cluster.instanceName, body: { ...instance, spec: { ...instance.spec,
        defaultSecretProviderClassRef: { resourceId: "/subscriptions/s/resourceGroups/rg/providers/" +
          "Microsoft.SecretSyncController/azureKeyVaultSecretProviderClasses/spc-ops-test" } } } });
    expect((await kube.instance.get()).defaultSecretProviderClass?.name).toBe("spc-ops-test");
  });

  it("lists and reads classes with their objects and Azure parameters", async () => {
    const spc = await kube.secretProviderClasses.get("spc-ops-test");
    expect(spc).toMatchObject({ provider: "azure", keyVaultName: "opsportal-demo-kv", tenantId: "t-1", clientId: "c-1",
      objectsProblem: null });
    expect(spc.objects.map((o) => o.fileName)).toEqual(["kafka-user", "kafka-pass"]);
    expect((await kube.secretProviderClasses.list()).map((s) => s.name)).toContain("spc-ops-test");
  });

  it("20 concurrent adds to one class: none lost, none duplicated, every other field kept", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const results = await Promise.all(names.map((n) => kube.secretProviderClasses.editObjects("spc-ops-test", { add: [add(n)] })));
    expect(results.map((r) => r.added)).toEqual(names.map((n) => [n]));
    const text = await rawObjects("spc-ops-test");
    const items = providerItems(text);
    expect(items.slice(0, 2)).toEqual(providerItems(CLI_OBJECTS));       // the CLI's items, byte for byte
    const files = (await kube.secretProviderClasses.get("spc-ops-test")).objects.map((o) => o.fileName);
    expect(files.slice(2).sort()).toEqual([...names].sort());
    expect(new Set(files).size).toBe(files.length);
  });

  it("two portal replicas racing: every add that succeeded is there exactly once, the rest failed as conflicts", async () => {
    const a = cluster.adapter();
    const b = cluster.adapter();
    const names = Array.from({ length: 10 }, (_, i) => `race-${i}`);
    const settled = await Promise.allSettled(names.map((n, i) =>
      (i % 2 === 0 ? a : b).secretProviderClasses.editObjects("spc-ops-test", { add: [add(n)] })));
    const ok = names.filter((_, i) => settled[i]!.status === "fulfilled");
    for (const s of settled) if (s.status === "rejected") expect((s.reason as AppError).status).toBe(409);
    const files = (await kube.secretProviderClasses.get("spc-ops-test")).objects.map((o) => o.fileName);
    for (const n of ok) expect(files.filter((f) => f === n)).toHaveLength(1);
    expect(new Set(files).size).toBe(files.length);
  });

  it("re-reads and re-applies after a 409 Conflict, within its bound", async () => {
    await cluster.hooks("POST", "faults", { match: { method: "PUT", path: "secretproviderclasses/spc-ops-test" }, status: 409, times: 2 });
    const r = await kube.secretProviderClasses.editObjects("spc-ops-test", { add: [add("after-conflicts")] });
    expect(r.added).toEqual(["after-conflicts"]);

    await cluster.hooks("POST", "faults", { match: { method: "PUT", path: "secretproviderclasses/spc-ops-test" }, status: 409 });
    const failed = await kube.secretProviderClasses.editObjects("spc-ops-test", { add: [add("never")] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).status).toBe(409);
    expect((failed as AppError).detail).toMatch(/SecretProviderClass 'spc-ops-test' kept changing .*5 attempts/);
    await cluster.hooks("DELETE", "faults");
    expect((await kube.secretProviderClasses.get("spc-ops-test")).objects.map((o) => o.fileName)).not.toContain("never");
  });

  it("removes an object and keeps the rest; an identical re-add writes nothing", async () => {
    const before = await kube.secretProviderClasses.get("spc-ops-test");
    const same = await kube.secretProviderClasses.editObjects("spc-ops-test", { add: [add("kafka-user")] });
    expect(same).toMatchObject({ added: [], removed: [] });
    expect(same.secretProviderClass.resourceVersion).toBe(before.resourceVersion);
    const r = await kube.secretProviderClasses.editObjects("spc-ops-test", { remove: ["burst-3"] });
    expect(r.removed).toEqual(["burst-3"]);
    expect(r.secretProviderClass.objects).toHaveLength(before.objects.length - 1);
    expect(await rawObjects("spc-ops-test")).toContain("customField: keep-me");
  });

  it("refuses duplicates: the same file name twice in one edit, or under other settings than the listed one", async () => {
    await expect(kube.secretProviderClasses.editObjects("spc-ops-test", { add: [add("dup"), add("dup")] }))
      .rejects.toMatchObject({ status: 400, errors: { add: ["'dup' is listed twice"] } });
    await expect(kube.secretProviderClasses.editObjects("spc-ops-test",
      { add: [newSpcObjectInput.parse({ objectName: "kafka-user", objectEncoding: "base64" })] }))
      .rejects.toMatchObject({ status: 409, detail: expect.stringContaining("'kafka-user'") });
    const files = (await kube.secretProviderClasses.get("spc-ops-test")).objects.map((o) => o.fileName);
    expect(files).not.toContain("dup");
    expect(files.filter((f) => f === "kafka-user")).toHaveLength(1);
  });

  it("refuses to edit a class whose objects it cannot read, naming it, and leaves it untouched", async () => {
    await createSpc("spc-broken", "array: [unclosed");
    const spc = await kube.secretProviderClasses.get("spc-broken");
    expect(spc.objectsProblem).toMatch(/SecretProviderClass 'spc-broken' has an objects parameter the portal cannot read/);
    const err = await kube.secretProviderClasses.editObjects("spc-broken", { add: [add("x")] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, detail: expect.stringContaining("'spc-broken'") });
    expect(await rawObjects("spc-broken")).toBe("array: [unclosed");
  });

  it("maps cluster failures: missing class, unavailable API, refused token, no cluster configured", async () => {
    await expect(kube.secretProviderClasses.get("nope")).rejects.toMatchObject({ status: 404,
      detail: expect.stringMatching(/SecretProviderClass 'nope' was not found in namespace 'azure-iot-operations'/) });

    await cluster.hooks("POST", "faults", { match: { method: "GET", path: "secretproviderclasses" }, status: 503, times: 1 });
    await expect(kube.secretProviderClasses.list()).rejects.toMatchObject({ status: 503, kind: "upstream",
      upstream: { service: "kubernetes", code: "ServiceUnavailable" } });

    const wrong = cluster.adapter({ kubeconfig: await cluster.kubeconfigWithToken("not-the-token") });
    const refused = await wrong.secretProviderClasses.list().catch((e: unknown) => e) as AppError;
    expect(refused).toMatchObject({ status: 502, upstream: { service: "kubernetes", code: "Unauthorized" } });
    expect(refused.detail).toMatch(/cluster '.+' \(https:\/\/127\.0\.0\.1:\d+\) refused the portal's credentials/);
    expect(refused.detail).not.toContain("not-the-token");

    const none = createKubeAdapter({ kube: null, instance: { name: "x", namespace: cluster.namespace } });
    await expect(none.secretSyncs.list()).rejects.toMatchObject({ status: 503, upstream: { code: "NotConfigured" } });
  });
});
