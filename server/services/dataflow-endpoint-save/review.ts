import "server-only";
import type { DataflowEndpointSavePlan } from "@/lib/schemas/dataflow-endpoint-api";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { DATAFLOW_ENDPOINT } from "@/server/adapters/kube/kinds/dataflow-endpoint";
import { reviewSecrets } from "@/server/services/endpoint-save/review";
import { resourceYaml } from "@/server/services/endpoint-save/yaml";
import type { SavePlan } from "./model";

/** The plan as the review (and a real save's answer) shows it: names and YAML only, never a value. */
export function reviewPlan(plan: SavePlan, ctx: { namespace: string; now: Date }): DataflowEndpointSavePlan {
  const e = plan.endpoint;
  return {
    ...reviewSecrets(plan, ctx),
    dataflowEndpoint: { name: e.name, action: e.action, yaml: resourceYaml(DATAFLOW_ENDPOINT, { name: e.name,
      namespace: ctx.namespace, labels: e.base?.labels,
      annotations: { ...e.base?.annotations, [SAVE_ID_ANNOTATION]: plan.idempotencyKey }, spec: e.spec }) },
  };
}
