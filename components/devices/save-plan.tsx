import type { DeviceSavePlan } from "@/lib/schemas/device-api";
import { ActionBadge, PlanSection, Yaml } from "@/components/endpoint-form/plan-parts";
import { SecretPlanSections } from "@/components/endpoint-form/secret-plan";

/** What a device save writes, in the order it writes it: names, keys and YAML only (the plan never holds a value). */
export function SavePlan({ plan }: { plan: DeviceSavePlan }) {
  return (
    <div className="flex flex-col gap-5" data-testid="device-review-plan">
      <SecretPlanSections plan={plan} />
      <PlanSection title={<>Device <span className="font-mono">{plan.device.name}</span></>} testId="review-device">
        <p><ActionBadge action={plan.device.action} /></p>
        <Yaml text={plan.device.yaml} summary={`Device ${plan.device.name} as YAML`} open />
      </PlanSection>
    </div>
  );
}
