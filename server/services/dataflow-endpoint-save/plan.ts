import "server-only";
import { AIO_DEFAULT_DATAFLOW_ENDPOINT } from "@/lib/schemas/dataflow-endpoint-form";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { AppError } from "@/server/errors";
import { dataflowSpecFrom } from "@/server/services/dataflow-endpoint-spec/spec-from-form";
import { Refusals } from "@/server/services/endpoint-save/refusals";
import { planSpc, secretSyncReady } from "@/server/services/endpoint-save/spc-plan";
import { planVaultWrites } from "@/server/services/endpoint-save/vault-plan";
import type { EndpointPlan, SavePlan, SaveState } from "./model";
import { endpointSlots, formSlots } from "./references";
import { planSyncedSecrets } from "./secret-sync-plan";
import { planSharedUsername } from "./shared-username";
import type { SaveDataflowEndpointRequest } from "./types";

/**
 * The save's plan from step 0's reads and the request: every refusal that can be known before a write is made
 * here (docs/endpoint-secrets.md, step 0). Pure: the same reads and request give the same plan.
 */
export function planSave(request: SaveDataflowEndpointRequest, state: SaveState, ctx: { now: Date; graceSeconds: number }): SavePlan {
  const key = request.idempotencyKey;
  const endpoint = planEndpoint(request, state);
  const refusals = new Refusals();
  const slots = endpointSlots(request);

  const spcReady = secretSyncReady(slots, state, refusals, { existing: state.endpoint !== null });
  const own = planVaultWrites(formSlots(slots), state, key, ctx.now, refusals);
  const shared = slots.some((s) => s.shared) ? planSharedUsername(state, key, ctx.now, refusals) : { toWrite: [], alreadyWritten: [] };
  const vault = { toWrite: [...shared.toWrite, ...own.toWrite], alreadyWritten: [...shared.alreadyWritten, ...own.alreadyWritten] };
  const secretSyncs = spcReady ? planSyncedSecrets(slots, request.name, endpoint.spec, state, refusals) : [];
  const spc = state.spc && spcReady ? planSpc(state, secretSyncs, ctx) : null;
  refusals.throwIfAny();
  return { idempotencyKey: key, endpoint, vault, spc, secretSyncs, defaultSpcName: state.defaultSpcName };
}

/**
 * Create: an endpoint of that name is refused, unless it carries this save's key (an earlier attempt wrote it: the
 * retry continues as an update). Update: the endpoint must be the one the form loaded, or one this save wrote.
 */
function planEndpoint(request: SaveDataflowEndpointRequest, state: SaveState): EndpointPlan {
  const current = state.endpoint;
  const ours = current?.annotations?.[SAVE_ID_ANNOTATION] === request.idempotencyKey;
  if (request.mode === "create") {
    if (current && !ours) {
      const message = request.name === AIO_DEFAULT_DATAFLOW_ENDPOINT
        ? `'${request.name}' is Azure IoT Operations' own endpoint to the local broker; choose another name.`
        : `A data flow endpoint named '${request.name}' already exists; choose another name.`;
      throw new AppError("conflict", message, { errors: { name: [message] } });
    }
  } else {
    if (!current) {
      throw new AppError("not-found", `Data flow endpoint '${request.name}' was not found in namespace '${state.namespace}'; ` +
        "it may have been deleted since you opened it.");
    }
    if (current.resourceVersion !== request.resourceVersion && !ours) {
      throw new AppError("conflict", `Data flow endpoint '${request.name}' was changed by someone else since you opened ` +
        "it; reload it and apply your changes again.", { upstream: { service: "kubernetes", code: "Conflict" } });
    }
  }
  return { name: request.name, action: current ? "update" : "create", base: current,
    spec: dataflowSpecFrom(request, current?.spec ?? null) };
}
