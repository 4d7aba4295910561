import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { KeyVaultSecretsAdapter } from "@/server/adapters/key-vault";
import type { KubeAdapter } from "@/server/adapters/kube";
import { startLocalCluster, type LocalCluster } from "@/server/adapters/kube/testing/local-cluster";
import { createDeviceSaveService, type DeviceSaveService } from "@/server/services/device-save";
import { createRequest, created, endpoint, existing, VALUE } from "@/server/testing/device-save-fixtures";

const SPC_KIND = { group: "secrets-store.csi.x-k8s.io", version: "v1", plural: "secretproviderclasses" };

let cluster: LocalCluster;
let kube: KubeAdapter;
let vault: KeyVaultSecretsAdapter;
let service: DeviceSaveService;
let spcName: string;

beforeAll(async () => {
  cluster = await startLocalCluster();
  kube = cluster.adapter();
  vault = cluster.vault();
  service = createDeviceSaveService({ kube, vault, graceSeconds: 600 });
  spcName = (await kube.instance.get()).defaultSecretProviderClass!.name;
});
afterAll(() => cluster?.stop());

const key = (i: number) => `0b7c6a1e-5d4f-4c3b-9a2e-${String(i).padStart(12, "0")}`;

async function objectNames(): Promise<string[]> {
  return (await kube.secretProviderClasses.get(spcName)).objects.map((o) => o.fileName);
}

/** Another tool editing the default SPC (read, change, replace; again on 409), as the Azure CLI would. */
async function addObjectAsAnotherTool(name: string): Promise<void> {
  for (;;) {
    const spc = await cluster.raw.custom.getNamespacedCustomObject({ ...SPC_KIND, namespace: cluster.namespace, name: spcName }) as
      { metadata: { resourceVersion: string }; spec: { parameters: Record<string, string> } };
    const doc = (parse(spc.spec.parameters.objects ?? "") as { array?: string[] } | null) ?? {};
    const objects = stringify({ ...doc, array: [...(doc.array ?? []), `objectName: ${name}\nobjectType: secret\n`] });
    try {
      await cluster.raw.custom.replaceNamespacedCustomObject({ ...SPC_KIND, namespace: cluster.namespace, name: spcName,
        body: { ...spc, spec: { ...spc.spec, parameters: { ...spc.spec.parameters, objects } } } });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }
}

describe("device save against the local stack", () => {
  it("a save with two new Key Vault secrets leaves the secrets, the SPC objects, the SecretSync and the Device", async () => {
    const saved = await service.save(createRequest("stack-plc-1", [endpoint("opc", { syncedSecretName: "stack-plc-1-opc",
      username: created("stack-plc1-user"), password: created("stack-plc1-pass") })], key(0)), { dryRun: false });

    for (const name of ["stack-plc1-user", "stack-plc1-pass"]) {
      expect((await vault.getSecretProperties(name)).tags).toEqual({ "ops-portal-save": key(0) });
    }
    expect(await objectNames()).toEqual(expect.arrayContaining(["stack-plc1-user", "stack-plc1-pass"]));
    const sync = await kube.secretSyncs.get("stack-plc-1-opc");
    expect(sync).toMatchObject({ managedByPortal: true, secretProviderClassName: spcName, serviceAccountName: "aio-ssc-sa",
      secretType: "Opaque", data: [{ sourcePath: "stack-plc1-user", targetKey: "username" },
        { sourcePath: "stack-plc1-pass", targetKey: "password" }] });
    expect(sync.annotations?.["ops-portal.azure.com/save-id"]).toBe(key(0));
    const device = await kube.devices.get("stack-plc-1");
    expect(device.spec.endpoints?.inbound?.opc?.authentication?.usernamePasswordCredentials)
      .toEqual({ usernameSecretName: "stack-plc-1-opc/username", passwordSecretName: "stack-plc-1-opc/password" });
    expect(saved.result.resourceVersion).toBe(device.resourceVersion);
    expect(JSON.stringify(saved)).not.toContain(VALUE);

    // The sync controller stand-in syncs it: the SPC objects were there before the SecretSync named them.
    let keys: string[] = [];
    for (let i = 0; i < 100 && keys.length < 2; i++) {
      keys = await kube.secrets.get("stack-plc-1-opc").then((s) => s.keys, () => []);
      if (keys.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(keys).toEqual(["password", "username"]);

    // The same request again (a retry) changes nothing and makes no second version.
    await service.save(createRequest("stack-plc-1", [endpoint("opc", { syncedSecretName: "stack-plc-1-opc",
      username: created("stack-plc1-user"), password: created("stack-plc1-pass") })], key(0)), { dryRun: false });
    expect((await kube.devices.get("stack-plc-1")).resourceVersion).toBe(device.resourceVersion);
  });

  it("20 saves of different devices at once, while another tool edits the SPC: no object lost or listed twice", async () => {
    const before = await objectNames();
    const saves = Array.from({ length: 20 }, (_, i) => service.save(createRequest(`burst-${i}`, [endpoint("opc", {
      syncedSecretName: `burst-${i}-opc`, username: existing("mqtt-broker-username"), password: created(`burst-${i}-pass`) })],
    key(100 + i)), { dryRun: false }));
    const external = (async () => {
      for (let i = 0; i < 8; i++) await addObjectAsAnotherTool(`external-${i}`);
    })();
    const results = await Promise.allSettled([...saves, external]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason?.detail ?? r.reason));
    expect(failed).toEqual([]);

    const after = await objectNames();
    expect(new Set(after).size).toBe(after.length);
    const expected = [...before, "mqtt-broker-username", ...Array.from({ length: 20 }, (_, i) => `burst-${i}-pass`),
      ...Array.from({ length: 8 }, (_, i) => `external-${i}`)];
    expect(after).toEqual(expect.arrayContaining(expected));
    for (let i = 0; i < 20; i++) {
      expect((await kube.secretSyncs.get(`burst-${i}-opc`)).data).toEqual([
        { sourcePath: "mqtt-broker-username", targetKey: "username" }, { sourcePath: `burst-${i}-pass`, targetKey: "password" }]);
      expect((await kube.devices.get(`burst-${i}`)).annotations?.["ops-portal.azure.com/save-id"]).toBe(key(100 + i));
    }
  });
});
