import type { SyncedSecretBulkDeleteItem, SyncedSecretDeletePlan } from "@/lib/schemas/synced-secret-delete";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { creatorInWords } from "./creator";
import { UsedByList } from "./used-by-cell";

/**
 * One name's part of the delete dialog: what goes and what stays, or why it cannot go. Said plainly, because
 * "delete a secret" is easily read as "delete it from Key Vault", which the portal never does.
 */
export function DeletePlanItem({ item }: { item: SyncedSecretBulkDeleteItem }) {
  return (
    <li className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" data-testid="synced-secret-delete-plan" data-name={item.name} data-outcome={item.outcome}>
      <p className="font-mono font-semibold [overflow-wrap:anywhere] text-slate-900">{item.name}</p>
      <ItemBody item={item} />
    </li>
  );
}

function ItemBody({ item }: { item: SyncedSecretBulkDeleteItem }) {
  switch (item.outcome) {
    case "would-delete":
    case "deleted":
      return item.plan ? <PlanParts plan={item.plan} /> : <p>Deleted.</p>;
    case "not-found":
      return <p className="text-slate-700" data-testid="synced-secret-delete-gone">Already gone: nothing to delete.</p>;
    case "in-use": {
      const users = item.usedBy.length > 0 ? item.usedBy : (item.plan?.usedBy ?? []);
      return (
        <div className="flex flex-col gap-1 text-red-900" data-testid="synced-secret-delete-in-use">
          <p>Cannot be deleted while these use it; change or delete them first:</p>
          {users.length > 0 ? <UsedByList users={users} testId="synced-secret-delete-users" /> : null}
          {item.detail ? <p className="text-xs text-slate-700">{item.detail}</p> : null}
        </div>
      );
    }
    case "refused":
    case "failed":
      return <p className="text-red-900" data-testid="synced-secret-delete-refused">{item.detail ?? `Refused (${item.status}).`}</p>;
  }
}

function PlanParts({ plan }: { plan: SyncedSecretDeletePlan }) {
  const { goes, stays } = plan;
  return (
    <div className="flex flex-col gap-2">
      {plan.createdBy.kind === "other" ? (
        <p className="text-slate-700" data-testid="synced-secret-delete-creator">
          Made by {creatorInWords(plan.createdBy)}, not the portal: deleting it here removes it all the same.
        </p>
      ) : null}
      <div data-testid="synced-secret-delete-goes">
        <p className="font-medium text-slate-900">Goes from the cluster</p>
        <ul className="ml-4 list-disc">
          <li>SecretSync <span className="font-mono">{goes.secretSync}</span></li>
          <li>
            Kubernetes Secret <span className="font-mono">{goes.kubernetesSecret.name}</span>
            {goes.kubernetesSecret.exists ? " (removed with its SecretSync)" : " (not created yet)"}
          </li>
          {goes.secretProviderClassObjects.map((o) => (
            <li key={o.fileName}>
              SecretProviderClass entry <span className="font-mono">{o.fileName}</span> for Key Vault secret{" "}
              <span className="font-mono">{o.keyVaultSecretName}</span>: no other synced secret uses it; removed after{" "}
              <DateTime value={o.removableAfter} /> unless one starts using it by then
            </li>
          ))}
        </ul>
      </div>
      <div data-testid="synced-secret-delete-stays">
        <p className="font-medium text-slate-900">Stays</p>
        <ul className="ml-4 list-disc">
          <li data-testid="synced-secret-delete-vault-stays">
            {stays.keyVaultSecrets.length > 0 ? (
              <>
                The Key Vault secrets{" "}
                {stays.keyVaultSecrets.map((n, i) => (
                  <span key={n}>{i > 0 ? ", " : null}<span className="font-mono">{n}</span></span>
                ))}{" "}
                stay in Key Vault with their values: the portal never deletes Key Vault secrets.
              </>
            ) : (
              "Key Vault: nothing is deleted there; the portal never deletes Key Vault secrets."
            )}
          </li>
          {stays.secretProviderClassObjects.map((o) => (
            <li key={o.fileName}>
              SecretProviderClass entry <span className="font-mono">{o.fileName}</span>
              {o.usedBy.length > 0 ? <>, still used by <span className="font-mono">{o.usedBy.join(", ")}</span></> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
