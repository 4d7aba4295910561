import "server-only";
import type { DataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import type { EndpointSaveDeps } from "@/server/services/endpoint-save/deps";
import { whileWaiting, writeInSteps, type SaveOptions } from "@/server/services/endpoint-save/write-steps";
import { writeEndpoint } from "./endpoint-write";
import { planSave } from "./plan";
import { readSaveState } from "./read-state";
import { reviewPlan } from "./review";
import type { SaveDataflowEndpointRequest } from "./types";

/**
 * One save (docs/endpoint-secrets.md, "The save"): step 0 reads and plans (every refusal), then Key Vault secrets
 * and SPC objects (1), the DataflowEndpoint (2), SecretSyncs last (3). A dry run stops after the plan.
 */
export async function saveDataflowEndpoint(deps: EndpointSaveDeps, request: SaveDataflowEndpointRequest, o: SaveOptions):
  Promise<{ result: DataflowEndpointSaveResult; touched: string[] }> {
  const { kube, vault } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const ctx = { now, graceSeconds: deps.graceSeconds, namespace: kube.namespace };

  const state = await readSaveState(kube, vault, request);
  const plan = planSave(request, state, ctx);
  if (o.dryRun) return { result: { dryRun: true, plan: reviewPlan(plan, ctx), resourceVersion: null }, touched: [] };

  const writing = writeInSteps(deps, plan, { kind: "DataflowEndpoint", plural: "dataflowendpoints", now, beforeWrite: o.beforeWrite,
    writeResource: () => writeEndpoint(kube, plan.endpoint, request, plan.idempotencyKey) });
  // The review (YAML of what was written) is made while step 1's calls are on the wire, not before them.
  const review = await whileWaiting(writing, () => reviewPlan(plan, ctx));
  const { resource, touched } = await writing;
  return { result: { dryRun: false, plan: review, resourceVersion: resource.resourceVersion }, touched };
}
