import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTANCE, instanceSourceFor } from "@/server/adapters/kube/kinds/instance";
import { startLocalCluster, type LocalCluster } from "@/server/adapters/kube/testing/local-cluster";
import { createDeviceSaveService } from "@/server/services/device-save";
import { createRequest, created, endpoint, VALUE } from "@/server/testing/device-save-fixtures";

/**
 * Real mode as Azure has it: the instance is an ARM resource and the cluster has no `Instance` object to read. With
 * AIO_DEFAULT_SPC the portal still knows the default SecretProviderClass, so device saves work. The stack's
 * `Instance` object is deleted first; the instance source is the one the wiring picks for that configuration.
 */
let cluster: LocalCluster;
let spcName: string;

beforeAll(async () => {
  cluster = await startLocalCluster();
  // What `az iot ops secretsync list` would show: the class the stack made the default.
  spcName = (await cluster.adapter().instance.get()).defaultSecretProviderClass!.name;
  await cluster.raw.custom.deleteNamespacedCustomObject({ group: INSTANCE.group, version: INSTANCE.version,
    plural: INSTANCE.plural, namespace: cluster.namespace, name: cluster.instanceName });
});
afterAll(() => cluster?.stop());

const configured = () => ({ instance: { name: cluster.instanceName, namespace: cluster.namespace, defaultSecretProviderClass: spcName } });
const KEY = "0b7c6a1e-5d4f-4c3b-9a2e-00000000aa01";

describe("AIO_DEFAULT_SPC against a cluster without an Instance object", () => {
  it("without it, the instance's settings cannot be read and a device save fails", async () => {
    const plain = cluster.adapter({ instanceSource: instanceSourceFor({ instance: { name: cluster.instanceName, namespace: cluster.namespace } }) });
    await expect(plain.instance.get()).rejects.toMatchObject({ kind: "not-found" });
    const service = createDeviceSaveService({ kube: plain, vault: cluster.vault(), graceSeconds: 600 });
    await expect(service.save(createRequest("no-instance-plc", [endpoint("opc", { syncedSecretName: "no-instance-plc-opc",
      username: created("no-instance-user"), password: created("no-instance-pass") })], KEY), { dryRun: false })).rejects.toMatchObject({ kind: "not-found" });
  });

  it("with it, the instance's settings resolve and a device save writes the secrets, the SPC objects, the SecretSync and the Device", async () => {
    const kube = cluster.adapter({ instanceSource: instanceSourceFor(configured()) });
    expect(await kube.instance.get()).toEqual({ name: cluster.instanceName, namespace: cluster.namespace, description: null,
      defaultSecretProviderClass: { name: spcName, resourceId: null }, provisioningState: null, version: null });

    const vault = cluster.vault();
    const service = createDeviceSaveService({ kube, vault, graceSeconds: 600 });
    const saved = await service.save(createRequest("spc-setting-plc", [endpoint("opc", { syncedSecretName: "spc-setting-plc-opc",
      username: created("spc-setting-user"), password: created("spc-setting-pass") })], KEY), { dryRun: false });

    expect((await vault.getSecretProperties("spc-setting-user")).tags).toEqual({ "ops-portal-save": KEY });
    expect((await kube.secretProviderClasses.get(spcName)).objects.map((o) => o.fileName))
      .toEqual(expect.arrayContaining(["spc-setting-user", "spc-setting-pass"]));
    expect(await kube.secretSyncs.get("spc-setting-plc-opc")).toMatchObject({ secretProviderClassName: spcName, managedByPortal: true });
    expect((await kube.devices.get("spc-setting-plc")).resourceVersion).toBe(saved.result.resourceVersion);
    expect(JSON.stringify(saved)).not.toContain(VALUE);
  });
});
