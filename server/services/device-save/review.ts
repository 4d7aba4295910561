import "server-only";
import type { DeviceSavePlan } from "@/lib/schemas/device-api";
import { SAVE_ID_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { DEVICE } from "@/server/adapters/kube/kinds/device";
import { reviewSecrets } from "@/server/services/endpoint-save/review";
import { resourceYaml } from "@/server/services/endpoint-save/yaml";
import type { SavePlan } from "./model";

/**
 * The plan as the review (and a real save's answer) shows it: the secret part every endpoint save shows, and the
 * Device as it will be written. Names and YAML only, never a value.
 */
export function reviewPlan(plan: SavePlan, ctx: { namespace: string; now: Date }): DeviceSavePlan {
  const d = plan.device;
  return {
    ...reviewSecrets(plan, ctx),
    device: { name: d.name, action: d.action, yaml: resourceYaml(DEVICE, { name: d.name, namespace: ctx.namespace,
      labels: d.base?.labels, annotations: { ...d.base?.annotations, [SAVE_ID_ANNOTATION]: plan.idempotencyKey }, spec: d.spec }) },
  };
}
