import type { ApiProblem } from "@/lib/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

export function SyncedSecretsLoading() {
  return (
    <div role="status" data-testid="synced-secrets-loading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <span className="sr-only">Loading synced secrets…</span>
      <div className="flex flex-col gap-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="grid grid-cols-5 gap-4">
            <Skeleton />
            <Skeleton />
            <Skeleton />
            <Skeleton />
            <Skeleton />
          </div>
        ))}
      </div>
    </div>
  );
}

export function SyncedSecretsEmpty() {
  return (
    <div data-testid="synced-secrets-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-semibold text-slate-900">No secrets are synced to this instance yet</p>
      <p className="mt-1 text-sm text-slate-700">
        A synced secret copies Key Vault secrets into a Kubernetes Secret that devices and data flow endpoints use.
      </p>
    </div>
  );
}

export function SyncedSecretsError({ problem, onRetry, retrying }: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  const detail = "detail" in problem ? problem.detail : problem.message;
  const requestId = "requestId" in problem ? problem.requestId : null;
  const title = "title" in problem ? problem.title : "Something went wrong";
  return (
    <Alert tone="danger" role="alert" title={`Could not list the synced secrets: ${title}`} data-testid="synced-secrets-error">
      <p data-testid="synced-secrets-error-detail">{detail}</p>
      {requestId ? <p className="mt-1 font-mono text-xs">Request id: {requestId}</p> : null}
      <Button variant="primary" className="mt-3" onClick={onRetry} disabled={retrying} data-testid="synced-secrets-retry">
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </Alert>
  );
}
