import type { DataflowEndpointSavePlan } from "@/lib/schemas/dataflow-endpoint-api";
import { ActionBadge, PlanSection, Yaml } from "@/components/endpoint-form/plan-parts";
import { SecretPlanSections } from "@/components/endpoint-form/secret-plan";

/** What an endpoint save writes, in the order it writes it: names, keys and YAML only (the plan never holds a value). */
export function SavePlan({ plan }: { plan: DataflowEndpointSavePlan }) {
  const endpoint = plan.dataflowEndpoint;
  return (
    <div className="flex flex-col gap-5" data-testid="dataflow-endpoint-review-plan">
      <SecretPlanSections plan={plan} />
      <PlanSection title={<>Data flow endpoint <span className="font-mono">{endpoint.name}</span></>} testId="review-dataflow-endpoint">
        <p><ActionBadge action={endpoint.action} /></p>
        <Yaml text={endpoint.yaml} summary={`DataflowEndpoint ${endpoint.name} as YAML`} open />
      </PlanSection>
    </div>
  );
}
