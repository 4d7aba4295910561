import "server-only";
import type { Refusals } from "./refusals";
import type { SecretSlot, SecretsState, SpcPlan, SyncedSecretPlan } from "./model";
import { mappedFileNames, planObjects, readLastUsed } from "./spc-objects-plan";

/**
 * Whether the save's references can be synced: the instance's default SPC, present, with `objects` the portal can
 * read. A save without references still cleans up the SPC when it can (`existing`: the resource exists, so it may
 * have dropped references). Refusals go on the reference fields.
 */
export function secretSyncReady(refs: readonly SecretSlot[], state: SecretsState, refusals: Refusals,
  o: { existing: boolean }): boolean {
  if (refs.length === 0 && !o.existing) return state.spc !== null && state.spc.objectsProblem === null;
  const paths = refs.map((r) => r.path);
  if (state.defaultSpcName === null) {
    if (refs.length > 0) {
      refusals.add("conflict", `Secret sync is not enabled for instance '${state.instanceName}' (it has no default ` +
        "SecretProviderClass), so secret references cannot be synced; enable it with az iot ops secretsync enable.", paths);
    }
    return false;
  }
  if (state.spcMissing || !state.spc) {
    if (refs.length > 0) {
      refusals.add("conflict", `The instance's default SecretProviderClass '${state.defaultSpcName}' does not exist in ` +
        `namespace '${state.namespace}', so secret references cannot be synced.`, paths);
    }
    return false;
  }
  if (state.spc.objectsProblem !== null) {
    if (refs.length > 0) refusals.add("conflict", state.spc.objectsProblem, paths);
    return false;
  }
  return true;
}

/** The default SPC's write in step 1: the objects the written SecretSyncs map, and the grace-period clean-up. */
export function planSpc(state: SecretsState, secretSyncs: readonly SyncedSecretPlan[],
  ctx: { now: Date; graceSeconds: number }): SpcPlan {
  const spc = state.spc!;
  const written = secretSyncs.filter((s) => s.write);
  const ensure = [...new Set(written.flatMap((s) => [...s.wanted.values()]))];
  const mapped = mappedFileNames(state.secretSyncs, spc.name);
  for (const s of written) for (const m of s.data) mapped.add(m.sourcePath.replace(/(\/\d+)+$/, ""));
  const objects = planObjects({ objects: spc.objects, lastUsed: readLastUsed(spc.annotations), mapped, ensure,
    now: ctx.now, graceSeconds: ctx.graceSeconds });
  return { name: spc.name, base: spc, ensure, mapped, objectsToAdd: objects.add, objectsToRemove: objects.remove,
    write: objects.worthWriting };
}
