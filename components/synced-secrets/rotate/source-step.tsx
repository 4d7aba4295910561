"use client";

import { useQuery } from "@tanstack/react-query";
import { isApiProblem } from "@/lib/api/client";
import { rotatePlanQuery } from "@/lib/queries/synced-secrets";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import type { RotatableSource } from "./rotatable-sources";
import { RotationTargets } from "./rotation-targets";

/**
 * Step 1: which Key Vault secret gets a new version, and — from the server's dry run, before any value is typed —
 * every synced secret that will be synced with it. A pinned source is shown, refused, with the reason.
 */
export function SourceStep({ name, sources, source, onSource }: {
  name: string;
  sources: RotatableSource[];
  source: string | null;
  onSource: (source: string) => void;
}) {
  const chosen = sources.find((s) => s.name === source) ?? null;
  const plan = useQuery({ ...rotatePlanQuery(name, source ?? ""), enabled: chosen !== null && chosen.refusal === null });
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-900">Key Vault secret to rotate</legend>
        {sources.map((s) => (
          <label key={s.name} className="flex items-start gap-2 text-sm" data-testid="rotate-source" data-source={s.name} data-refused={s.refusal !== null}>
            <input type="radio" name="rotate-source" className="mt-1" value={s.name} checked={source === s.name} onChange={() => onSource(s.name)} />
            <span>
              <span className="font-mono font-medium">{s.name}</span>
              <span className="text-slate-700"> → {s.targetKeys.join(", ")}</span>
              {s.refusal ? <span className="block text-xs text-red-800" data-testid="rotate-source-refusal">{s.refusal}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      {chosen?.refusal ? null : chosen ? (
        plan.isPending ? (
          <div role="status" className="flex flex-col gap-2" data-testid="rotate-plan-loading">
            <span className="sr-only">Finding the synced secrets that use it…</span>
            <Skeleton /><Skeleton className="w-2/3" />
          </div>
        ) : plan.data ? (
          <div className="flex flex-col gap-1" data-testid="rotate-plan">
            <p className="text-sm font-medium text-slate-900">Rotating {chosen.name} syncs these synced secrets:</p>
            <RotationTargets targets={plan.data.syncedSecrets} testId="rotate-plan-targets" />
          </div>
        ) : (
          <Alert tone="danger" role="alert" title={isApiProblem(plan.error) ? plan.error.title : "Cannot rotate"} data-testid="rotate-plan-error">
            {isApiProblem(plan.error) ? plan.error.detail : plan.error?.message}
          </Alert>
        )
      ) : null}
    </div>
  );
}

/** Whether step 1 lets the operator go on: a rotatable source whose dry run answered. */
export function useSourceStepReady(name: string, sources: RotatableSource[], source: string | null): boolean {
  const chosen = sources.find((s) => s.name === source) ?? null;
  const plan = useQuery({ ...rotatePlanQuery(name, source ?? ""), enabled: chosen !== null && chosen.refusal === null });
  return chosen !== null && chosen.refusal === null && plan.isSuccess;
}
