import "server-only";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { AppError } from "@/server/errors";
import type { SaveDeviceRequest } from "./types";
import { deviceSpecFrom } from "./device-spec";
import { Refusals } from "@/server/services/endpoint-save/refusals";
import { planSpc, secretSyncReady } from "@/server/services/endpoint-save/spc-plan";
import { planVaultWrites } from "@/server/services/endpoint-save/vault-plan";
import type { DevicePlan, SavePlan, SaveState } from "./model";
import { formReferences } from "./references";
import { planSyncedSecrets } from "./secret-sync-plan";

/**
 * The save's plan from step 0's reads and the request: every refusal that can be known before a write is made
 * here (docs/endpoint-secrets.md, step 0). Pure: the same reads and request give the same plan.
 */
export function planSave(request: SaveDeviceRequest, state: SaveState, ctx: { now: Date; graceSeconds: number }): SavePlan {
  const key = request.idempotencyKey;
  const device = planDevice(request, state);
  const refusals = new Refusals();
  const refs = formReferences(request.endpoints);

  const spcReady = secretSyncReady(refs, state, refusals, { existing: state.device !== null });
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
