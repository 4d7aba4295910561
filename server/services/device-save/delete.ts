import "server-only";
import type { DeviceDeletePlan } from "@/lib/schemas/device-api";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import { deleteSyncedSecretIfUnused } from "@/server/services/synced-secret-delete";
import { ownerOf } from "@/server/services/synced-secret-rules";
import { dataflowEndpointReferences } from "@/server/services/synced-secret-users";
import type { DeviceSaveDeps } from "./deps";
import { orNull } from "./read-state";
import { storedReferences } from "./references";
import { mappedFileNames, planObjects, readLastUsed } from "./spc-objects-plan";
import { writeSpcObjects } from "./spc-write";
import { atStep, DELETE_STEPS, finalError } from "./steps";
import type { Touched } from "./types";
import { settleAll } from "./vault-writes";

/**
 * Deleting a device, and with it the synced secrets only it used (docs/endpoint-secrets.md). Key Vault secrets are
 * never deleted: other instances or tools may read them, and deleting is the vault owner's call.
 */
export async function planDeviceDelete(deps: DeviceSaveDeps, name: string): Promise<DeviceDeletePlan> {
  return (await readDeleteState(deps, name)).plan;
}

export async function deleteDevice(deps: DeviceSaveDeps, name: string, o: { deleteSyncedSecrets: string[] }): Promise<Touched> {
  const { kube } = deps;
  const state = await readDeleteState(deps, name);
  const requested = [...new Set(o.deleteSyncedSecrets)];
  const problems = requested.flatMap((s) => {
    const entry = state.plan.syncedSecrets.find((e) => e.name === s);
    if (!entry) return [`Synced secret '${s}' is not used by device '${name}'`];
    return entry.deletable ? [] : [`Synced secret '${s}' cannot be deleted with the device: ${entry.reason ?? "not deletable"}`];
  });
  if (problems.length > 0) {
    throw new AppError("conflict", `${problems.join(". ")}. Nothing was deleted.`,
      { errors: { deleteSyncedSecrets: problems } });
  }

  const touched = [`devices/${name}`];
  const step = (n: 1 | 2 | 3) => ({ operation: "Deleting" as const, step: n, what: DELETE_STEPS[n] });
  await atStep({ ...step(1), then: "reload and try again" }, async () => {
    try {
      await kube.devices.delete(name, { uid: state.device.uid, resourceVersion: state.device.resourceVersion });
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      throw finalError(new AppError("conflict", `Device '${name}' was changed by someone else since you opened it; ` +
        "reload it and try again. Nothing was deleted.", { upstream: { service: "kubernetes", code: "Conflict" } }));
    }
  });

  // The Device is gone: a synced secret that now fails to go is deleted from the Secrets page, not by a repeat.
  const then = "the device is deleted; delete what is left on the Secrets page";
  await atStep({ ...step(2), then }, () => settleAll(requested.map(async (s) => {
    await deleteSyncedSecretIfUnused(kube, s, { defaultSpcName: state.defaultSpcName });
    touched.push(`secretsyncs/${s}`);
  })));

  if (state.spc) {
    const spc = state.spc;
    // The deleted SecretSyncs mapped their objects until a moment ago: their time is now, and a later save
    // removes them once the grace period has passed without a new user.
    const mapped = mappedFileNames(state.secretSyncs, spc.name);
    const now = (deps.now ?? (() => new Date()))();
    const plan = planObjects({ objects: spc.objects, lastUsed: readLastUsed(spc.annotations), mapped, ensure: [], now,
      graceSeconds: deps.graceSeconds });
    const wrote = await atStep({ ...step(3), then: "the device is deleted; the next save cleans up" }, () =>
      writeSpcObjects(kube, { name: spc.name, base: spc, ensure: [], mapped, objectsToAdd: plan.add,
        objectsToRemove: plan.remove, write: plan.worthWriting }, { now, graceSeconds: deps.graceSeconds }));
    if (wrote) touched.push(`secretproviderclasses/${spc.name}`);
  }
  return { touched };
}

async function readDeleteState(deps: DeviceSaveDeps, name: string) {
  const { kube } = deps;
  const instance = kube.instance.get();
  const spcRead = instance.then((i) => (i.defaultSecretProviderClass
    ? orNull(kube.secretProviderClasses.get(i.defaultSecretProviderClass.name)) : null));
  const [device, i, spc, secretSyncs, devices, endpoints] = await Promise.all([
    kube.devices.get(name), instance, spcRead, kube.secretSyncs.list(), kube.devices.list(), kube.dataflowEndpoints.list(),
  ]);
  const defaultSpcName = i.defaultSecretProviderClass?.name ?? null;
  const names = [...new Set(storedReferences(name, device.spec).map((r) => r.syncedSecretName))];
  const otherDevices = devices.filter((d) => d.name !== name).flatMap((d) => storedReferences(d.name, d.spec));
  const flows = endpoints.flatMap((e) => dataflowEndpointReferences(e.name, e.spec));
  const plan: DeviceDeletePlan = {
    device: name,
    syncedSecrets: names.map((s) => {
      const sync = secretSyncs.find((x) => x.name === s);
      const reasons: string[] = [];
      if (!sync) reasons.push("it does not exist");
      else {
        const owner = ownerOf(sync, defaultSpcName);
        if (owner.kind === "foreign") reasons.push(`not created by the portal (made by ${owner.createdBy})`);
        if (owner.kind === "system") reasons.push(`a system synced secret (SecretProviderClass '${owner.secretProviderClassName}')`);
      }
      const byDevices = [...new Set(otherDevices.filter((r) => r.syncedSecretName === s).map((r) => r.device))];
      if (byDevices.length > 0) reasons.push(`also used by ${byDevices.map((d) => `device '${d}'`).join(", ")}`);
      const byFlows = [...new Set(flows.filter((r) => r.secretName === s).map((r) => r.user.name))];
      if (byFlows.length > 0) reasons.push(`also used by ${byFlows.map((e) => `data flow endpoint '${e}'`).join(", ")}`);
      return { name: s, deletable: reasons.length === 0, reason: reasons.length > 0 ? reasons.join("; ") : null };
    }),
  };
  return { plan, device, defaultSpcName, spc: spc && spc.objectsProblem === null ? spc : null, secretSyncs };
}
