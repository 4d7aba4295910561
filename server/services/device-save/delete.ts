import "server-only";
import type { DeviceDeletePlan } from "@/lib/schemas/device-api";
import { deleteInSteps, syncedSecretDeleteEntry } from "@/server/services/endpoint-save/delete-steps";
import { readDefaultSpc } from "@/server/services/endpoint-save/read-state";
import { dataflowEndpointReferences } from "@/server/services/synced-secret-users";
import type { DeviceSaveDeps } from "./deps";
import { storedReferences } from "./references";
import type { Touched } from "./types";

/**
 * Deleting a device, and with it the synced secrets only it used (docs/endpoint-secrets.md; the steps are every
 * endpoint delete's, endpoint-save/delete-steps.ts). Key Vault secrets are never deleted.
 */
export async function planDeviceDelete(deps: DeviceSaveDeps, name: string): Promise<DeviceDeletePlan> {
  return (await readDeleteState(deps, name)).plan;
}

export async function deleteDevice(deps: DeviceSaveDeps, name: string, o: { deleteSyncedSecrets: string[] }): Promise<Touched> {
  const state = await readDeleteState(deps, name);
  return deleteInSteps(deps, { kind: "Device", what: "device", plural: "devices", name, current: state.device,
    remove: (n, p) => deps.kube.devices.delete(n, p), syncedSecrets: state.plan.syncedSecrets, requested: o.deleteSyncedSecrets,
    defaultSpcName: state.defaultSpcName, spc: state.spc, secretSyncs: state.secretSyncs });
}

async function readDeleteState(deps: DeviceSaveDeps, name: string) {
  const { kube } = deps;
  const { instance, spc: spcRead } = readDefaultSpc(kube);
  const [device, i, spc, secretSyncs, devices, endpoints] = await Promise.all([
    kube.devices.get(name), instance, spcRead, kube.secretSyncs.list(), kube.devices.list(), kube.dataflowEndpoints.list(),
  ]);
  const defaultSpcName = i.defaultSecretProviderClass?.name ?? null;
  const names = [...new Set(storedReferences(name, device.spec).map((r) => r.syncedSecretName))];
  const otherDevices = devices.filter((d) => d.name !== name).flatMap((d) => storedReferences(d.name, d.spec));
  const flows = endpoints.flatMap((e) => dataflowEndpointReferences(e.name, e.spec));
  const plan: DeviceDeletePlan = {
    device: name,
    syncedSecrets: names.map((s) => syncedSecretDeleteEntry(s, { secretSyncs, defaultSpcName,
      otherDevices: otherDevices.filter((r) => r.syncedSecretName === s).map((r) => r.device),
      otherDataflowEndpoints: flows.filter((r) => r.secretName === s).map((r) => r.user.name) })),
  };
  return { plan, device, defaultSpcName, spc: spc && spc.objectsProblem === null ? spc : null, secretSyncs };
}
