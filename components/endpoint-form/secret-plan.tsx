import { ActionBadge, NameList, PlanSection, Yaml, type PlanAction } from "./plan-parts";

/** The secret side of a save plan, the same for every endpoint form: Key Vault, the SecretProviderClass, SecretSyncs. */
export interface SecretSavePlan {
  vaultSecretsToCreate: readonly string[];
  secretProviderClass: { name: string; objectsToAdd: readonly string[]; objectsToRemove: readonly string[] };
  secretSyncs: readonly { name: string; action: PlanAction; keysAdded: readonly string[]; keysRemoved: readonly string[]; yaml: string }[];
}

/** What a save writes before the endpoint itself, in the order it writes it. */
export function SecretPlanSections({ plan }: { plan: SecretSavePlan }) {
  const spc = plan.secretProviderClass;
  return (
    <>
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
                  <ActionBadge action={s.action} />
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
    </>
  );
}
