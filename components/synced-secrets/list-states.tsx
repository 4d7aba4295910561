import type { ApiProblem } from "@/lib/api/client";
import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";

export function SyncedSecretsLoading() {
  return <ListLoading testId="synced-secrets" label="Loading synced secrets…" rows={4} columns={5} />;
}

export function SyncedSecretsEmpty() {
  return (
    <ListEmpty testId="synced-secrets" title="No secrets are synced to this instance yet">
      A synced secret copies Key Vault secrets into a Kubernetes Secret that devices and data flow endpoints use.
    </ListEmpty>
  );
}

export function SyncedSecretsNoMatch() {
  return (
    <ListEmpty testId="synced-secrets-no-match" title="No synced secrets match the search and filters">
      The search looks at synced secret names, their keys and the Key Vault secrets they come from. Clear a filter to
      see more.
    </ListEmpty>
  );
}

export function SyncedSecretsError(props: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  return <ListError testId="synced-secrets" what="the synced secrets" {...props} />;
}
