import "server-only";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import { deleteSyncedSecretIfUnused } from "@/server/services/synced-secret-delete";
import { ownerOf } from "@/server/services/synced-secret-rules";
import type { EndpointSaveDeps } from "./deps";
import { mappedFileNames, planObjects, readLastUsed } from "./spc-objects-plan";
import { writeSpcObjects } from "./spc-write";
import { atStep, deleteSteps, finalError, type StepNumber } from "./steps";
import { settleAll } from "./vault-writes";

/**
 * Deleting an endpoint resource (Device, DataflowEndpoint) and with it the synced secrets only it used
 * (docs/endpoint-secrets.md). Key Vault secrets are never deleted: other instances or tools may read them, and
 * deleting is the vault owner's call.
 */

export interface SyncedSecretDeleteEntry {
  name: string;
  deletable: boolean;
  reason: string | null;
}

/** Whether one synced secret can go with the resource, and why not in words. */
export function syncedSecretDeleteEntry(name: string, o: { secretSyncs: readonly SecretSync[]; defaultSpcName: string | null;
  otherDevices: readonly string[]; otherDataflowEndpoints: readonly string[] }): SyncedSecretDeleteEntry {
  const sync = o.secretSyncs.find((x) => x.name === name);
  const reasons: string[] = [];
  if (!sync) reasons.push("it does not exist");
  else {
    const owner = ownerOf(sync, o.defaultSpcName);
    if (owner.kind === "foreign") reasons.push(`not created by the portal (made by ${owner.createdBy})`);
    if (owner.kind === "system") reasons.push(`a system synced secret (SecretProviderClass '${owner.secretProviderClassName}')`);
  }
  const devices = [...new Set(o.otherDevices)];
  if (devices.length > 0) reasons.push(`also used by ${devices.map((d) => `device '${d}'`).join(", ")}`);
  const flows = [...new Set(o.otherDataflowEndpoints)];
  if (flows.length > 0) reasons.push(`also used by ${flows.map((e) => `data flow endpoint '${e}'`).join(", ")}`);
  return { name, deletable: reasons.length === 0, reason: reasons.length > 0 ? reasons.join("; ") : null };
}

export interface DeleteInput {
  /** `Device` / `DataflowEndpoint`, and how messages name one ("device", "data flow endpoint"). */
  kind: string;
  what: string;
  plural: string;
  name: string;
  /** The object as read, for the preconditions. */
  current: { uid: string; resourceVersion: string };
  remove: (name: string, preconditions: { uid: string; resourceVersion: string }) => Promise<void>;
  syncedSecrets: readonly SyncedSecretDeleteEntry[];
  requested: readonly string[];
  defaultSpcName: string | null;
  /** The default SPC as read (null: none, or objects the portal cannot read), and the SecretSyncs listed with it. */
  spc: SecretProviderClass | null;
  secretSyncs: readonly SecretSync[];
}

/** Deletes the resource (1), then the requested synced secrets that the plan marks deletable (2), then SPC clean-up (3). */
export async function deleteInSteps(deps: EndpointSaveDeps, i: DeleteInput): Promise<{ touched: string[] }> {
  const { kube } = deps;
  const requested = [...new Set(i.requested)];
  const problems = requested.flatMap((s) => {
    const entry = i.syncedSecrets.find((e) => e.name === s);
    if (!entry) return [`Synced secret '${s}' is not used by ${i.what} '${i.name}'`];
    return entry.deletable ? [] : [`Synced secret '${s}' cannot be deleted with the ${i.what}: ${entry.reason ?? "not deletable"}`];
  });
  if (problems.length > 0) {
    throw new AppError("conflict", `${problems.join(". ")}. Nothing was deleted.`, { errors: { deleteSyncedSecrets: problems } });
  }

  const touched = [`${i.plural}/${i.name}`];
  const steps = deleteSteps(i.kind);
  const step = (n: StepNumber) => ({ operation: "Deleting" as const, step: n, what: steps[n] });
  await atStep({ ...step(1), then: "reload and try again" }, async () => {
    try {
      await i.remove(i.name, { uid: i.current.uid, resourceVersion: i.current.resourceVersion });
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      throw finalError(new AppError("conflict", `${capitalised(i.what)} '${i.name}' was changed by someone else since you ` +
        "opened it; reload it and try again. Nothing was deleted.", { upstream: { service: "kubernetes", code: "Conflict" } }));
    }
  });

  // The resource is gone: a synced secret that now fails to go is deleted from the Secrets page, not by a repeat.
  const then = `the ${i.what} is deleted; delete what is left on the Secrets page`;
  await atStep({ ...step(2), then }, () => settleAll(requested.map(async (s) => {
    await deleteSyncedSecretIfUnused(kube, s, { defaultSpcName: i.defaultSpcName });
    touched.push(`secretsyncs/${s}`);
  })));

  if (i.spc) {
    const spc = i.spc;
    // The deleted SecretSyncs mapped their objects until a moment ago: their time is now, and a later save
    // removes them once the grace period has passed without a new user.
    const mapped = mappedFileNames(i.secretSyncs, spc.name);
    const now = (deps.now ?? (() => new Date()))();
    const plan = planObjects({ objects: spc.objects, lastUsed: readLastUsed(spc.annotations), mapped, ensure: [], now,
      graceSeconds: deps.graceSeconds });
    const wrote = await atStep({ ...step(3), then: `the ${i.what} is deleted; the next save cleans up` }, () =>
      writeSpcObjects(kube, { name: spc.name, base: spc, ensure: [], mapped, objectsToAdd: plan.add,
        objectsToRemove: plan.remove, write: plan.worthWriting }, { now, graceSeconds: deps.graceSeconds }));
    if (wrote) touched.push(`secretproviderclasses/${spc.name}`);
  }
  return { touched };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
