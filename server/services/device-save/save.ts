import "server-only";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import { whileWaiting, writeInSteps, type SaveOptions } from "@/server/services/endpoint-save/write-steps";
import type { DeviceSaveDeps } from "./deps";
import { writeDevice } from "./device-write";
import { planSave } from "./plan";
import { readSaveState } from "./read-state";
import { reviewPlan } from "./review";
import type { SaveDeviceRequest, Touched } from "./types";

/**
 * One save (docs/endpoint-secrets.md, "The save"): step 0 reads and plans (every refusal), then writes in an order
 * that never leaves a reference dangling: Key Vault secrets and SPC objects (1), the Device (2), SecretSyncs last
 * (3). A dry run stops after the plan.
 */
export async function saveDevice(deps: DeviceSaveDeps, request: SaveDeviceRequest, o: SaveOptions):
  Promise<{ result: DeviceSaveResult } & Touched> {
  const { kube, vault } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const ctx = { now, graceSeconds: deps.graceSeconds, namespace: kube.namespace };

  const state = await readSaveState(kube, vault, request);
  const plan = planSave(request, state, ctx);
  if (o.dryRun) return { result: { dryRun: true, plan: reviewPlan(plan, ctx), resourceVersion: null }, touched: [] };

  const writing = writeInSteps(deps, plan, { kind: "Device", plural: "devices", now, beforeWrite: o.beforeWrite,
    writeResource: () => writeDevice(kube, plan.device, request, plan.idempotencyKey) });
  // The review (YAML of what was written) is made while step 1's calls are on the wire, not before them.
  const review = await whileWaiting(writing, () => reviewPlan(plan, ctx));
  const { resource, touched } = await writing;
  return { result: { dryRun: false, plan: review, resourceVersion: resource.resourceVersion }, touched };
}
