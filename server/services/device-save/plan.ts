import "server-only";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { AppError } from "@/server/errors";
import type { SaveDeviceRequest } from "./types";
import { deviceSpecFrom } from "./device-spec";
import type { DevicePlan, FormReference, SavePlan, SaveState, SpcPlan, SyncedSecretPlan } from "./model";
import { formReferences } from "./references";
import { Refusals } from "./refusals";
import { planSyncedSecrets } from "./secret-sync-plan";
import { mappedFileNames, planObjects, readLastUsed } from "./spc-objects-plan";
import { planVaultWrites } from "./vault-plan";

/**
 * The save's plan from step 0's reads and the request: every refusal that can be known before a write is made
 * here (docs/endpoint-secrets.md, step 0). Pure: the same reads and request give the same plan.
 */
export function planSave(request: SaveDeviceRequest, state: SaveState, ctx: { now: Date; graceSeconds: number }): SavePlan {
  const key = request.idempotencyKey;
  const device = planDevice(request, state);
  const refusals = new Refusals();
  const refs = formReferences(request.endpoints);

  const spcReady = secretSyncReady(refs, state, refusals);
  const vault = planVaultWrites(refs, state, key, ctx.now, refusals);
  const secretSyncs = spcReady ? planSyncedSecrets(refs, request.name, state, refusals) : [];
  const spc = state.spc && spcReady ? planSpc(state, secretSyncs, ctx) : null;
  refusals.throwIfAny();
  return { idempotencyKey: key, device, vault, spc, secretSyncs, defaultSpcName: state.defaultSpcName };
}

/**
 * Create: a Device of that name is refused, unless it carries this save's key (an earlier attempt wrote it: the
 * retry continues as an update). Update: the Device must be the one the form loaded, or one this save wrote.
 */
function planDevice(request: SaveDeviceRequest, state: SaveState): DevicePlan {
  const current = state.device;
  const ours = current?.annotations?.[SAVE_ID_ANNOTATION] === request.idempotencyKey;
  if (request.mode === "create") {
    if (current && !ours) {
      const message = `A device named '${request.name}' already exists; choose another name.`;
      throw new AppError("conflict", message, { errors: { name: [message] } });
    }
  } else {
    if (!current) {
      throw new AppError("not-found", `Device '${request.name}' was not found in namespace '${state.namespace}'; ` +
        "it may have been deleted since you opened it.");
    }
    if (current.resourceVersion !== request.resourceVersion && !ours) {
      throw new AppError("conflict", `Device '${request.name}' was changed by someone else since you opened it; ` +
        "reload it and apply your changes again.", { upstream: { service: "kubernetes", code: "Conflict" } });
    }
  }
  return { name: request.name, action: current ? "update" : "create", base: current,
    spec: deviceSpecFrom(request, current?.spec ?? null) };
}

/** References need secret sync: the instance's default SPC, present, with `objects` the portal can read. */
function secretSyncReady(refs: readonly FormReference[], state: SaveState, refusals: Refusals): boolean {
  if (refs.length === 0 && !state.device) return state.spc !== null && state.spc.objectsProblem === null;
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

function planSpc(state: SaveState, secretSyncs: readonly SyncedSecretPlan[], ctx: { now: Date; graceSeconds: number }): SpcPlan {
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
