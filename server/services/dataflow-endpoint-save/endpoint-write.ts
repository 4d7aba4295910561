import "server-only";
import type { DataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-form";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import { dataflowSpecFrom } from "@/server/services/dataflow-endpoint-spec/spec-from-form";
import type { EndpointSaveKube } from "@/server/services/endpoint-save/deps";
import type { DataflowEndpointObject } from "@/server/services/endpoint-save/model";
import { sameJson } from "@/server/services/endpoint-save/same-json";
import { finalError } from "@/server/services/endpoint-save/steps";
import type { EndpointPlan } from "./model";

/**
 * Step 2: the DataflowEndpoint, with the save's idempotency key as `save-id`, so a retry knows its own write. An
 * update writes over step 0's read with its resourceVersion and is never re-applied to a newer endpoint: the
 * form's edit applies to what the operator saw. One already as the form wants it (a retry) is not written again.
 * The adapter writes with fieldValidation=Strict: a field the cluster does not know is refused, never dropped.
 */
export async function writeEndpoint(kube: Pick<EndpointSaveKube, "dataflowEndpoints">, plan: EndpointPlan,
  form: DataflowEndpointForm, idempotencyKey: string): Promise<DataflowEndpointObject> {
  const endpoints = kube.dataflowEndpoints;
  const change = (current: DataflowEndpointObject) => {
    const spec = dataflowSpecFrom(form, current.spec);
    if (sameJson(spec, current.spec) && current.annotations?.[SAVE_ID_ANNOTATION] === idempotencyKey) return undefined;
    return { spec, annotations: { [SAVE_ID_ANNOTATION]: idempotencyKey } };
  };
  const ours = (e: DataflowEndpointObject) => e.annotations?.[SAVE_ID_ANNOTATION] === idempotencyKey;
  const changedMeanwhile = () => finalError(new AppError("conflict", `Data flow endpoint '${plan.name}' was changed by ` +
    "someone else since you opened it; reload it and apply your changes again.",
  { upstream: { service: "kubernetes", code: "Conflict" } }));

  if (plan.base === null) {
    try {
      return await endpoints.create({ name: plan.name, annotations: { [SAVE_ID_ANNOTATION]: idempotencyKey }, spec: plan.spec });
    } catch (err) {
      if (!(err instanceof AppError && err.upstream?.code === "AlreadyExists")) throw err;
      const existing = await endpoints.get(plan.name);
      if (!ours(existing)) {
        throw finalError(new AppError("conflict", `A data flow endpoint named '${plan.name}' was created by someone else ` +
          "meanwhile; choose another name.", { errors: { name: [`'${plan.name}' was just taken`] } }));
      }
      return update(existing);
    }
  }
  return update(plan.base);

  async function update(base: DataflowEndpointObject): Promise<DataflowEndpointObject> {
    try {
      return await endpoints.updateFrom(base, change, { pinned: true });
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      const now = await endpoints.get(plan.name);
      // The same request, sent twice at once, finished it: that is our own write.
      if (ours(now) && change(now) === undefined) return now;
      throw changedMeanwhile();
    }
  }
}
