import type { ReactNode } from "react";
import type { DeviceSavePlan } from "@/lib/schemas/device-api";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const ACTION_TONE: Record<string, BadgeTone> = { create: "success", update: "info", delete: "danger", unchanged: "neutral" };
const ACTION_LABEL: Record<string, string> = { create: "Create", update: "Update", delete: "Delete", unchanged: "Unchanged" };

/** What a save writes, in the order it writes it: names, keys and YAML only (the plan never holds a value). */
export function SavePlan({ plan }: { plan: DeviceSavePlan }) {
  const spc = plan.secretProviderClass;
  return (
    <div className="flex flex-col gap-5" data-testid="device-review-plan">
      <PlanSection title="Key Vault secrets to create" testId="review-vault-secrets">
        <NameList names={plan.vaultSecretsToCreate} none="None: every reference names a secret that is already in Key Vault." />
      </PlanSection>

      <PlanSection title={<>SecretProviderClass <span className="font-mono">{spc.name}</span></>} testId="review-spc">
        {spc.objectsToAdd.length === 0 && spc.objectsToRemove.length === 0 ? (
          <p className="text-slate-700">No objects added or removed.</p>
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-700">Objects added</dt>
            <dd data-testid="review-spc-added"><NameList names={spc.objectsToAdd} none="None" /></dd>
            <dt className="text-slate-700">Objects removed</dt>
            <dd data-testid="review-spc-removed"><NameList names={spc.objectsToRemove} none="None" /></dd>
          </dl>
        )}
      </PlanSection>

      <PlanSection title="Synced secrets (SecretSync)" testId="review-secret-syncs">
        {plan.secretSyncs.length === 0 ? <p className="text-slate-700">None.</p> : (
          <ul className="flex flex-col gap-3">
            {plan.secretSyncs.map((s) => (
              <li key={s.name} data-testid="review-secret-sync" data-name={s.name} data-action={s.action}>
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={ACTION_TONE[s.action]}>{ACTION_LABEL[s.action]}</Badge>
                  <span className="font-mono font-medium">{s.name}</span>
                </p>
                {s.keysAdded.length ? <p className="mt-1 text-xs">Keys added: <span className="font-mono">{s.keysAdded.join(", ")}</span></p> : null}
                {s.keysRemoved.length ? <p className="mt-1 text-xs">Keys removed: <span className="font-mono">{s.keysRemoved.join(", ")}</span></p> : null}
                {s.yaml ? <Yaml text={s.yaml} summary={`SecretSync ${s.name} as YAML`} /> : null}
              </li>
            ))}
          </ul>
        )}
      </PlanSection>

      <PlanSection title={<>Device <span className="font-mono">{plan.device.name}</span></>} testId="review-device">
        <p><Badge tone={ACTION_TONE[plan.device.action]}>{ACTION_LABEL[plan.device.action]}</Badge></p>
        <Yaml text={plan.device.yaml} summary={`Device ${plan.device.name} as YAML`} open />
      </PlanSection>
    </div>
  );
}

function PlanSection({ title, testId, children }: { title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function NameList({ names, none }: { names: string[]; none: string }) {
  if (names.length === 0) return <p className="text-slate-700">{none}</p>;
  return (
    <ul className="flex flex-col gap-0.5 font-mono text-xs">
      {names.map((n) => <li key={n} className="[overflow-wrap:anywhere]">{n}</li>)}
    </ul>
  );
}

function Yaml({ text, summary, open = false }: { text: string; summary: string; open?: boolean }) {
  return (
    <details className="mt-1" open={open}>
      <summary className="cursor-pointer text-xs font-medium text-blue-800">{summary}</summary>
      <pre className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100" data-testid="review-yaml">{text}</pre>
    </details>
  );
}
