import type { ApiProblem } from "@/lib/api/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

export function LoadingRows({ rows = 8 }: { rows?: number }) {
  return (
    <div role="status" data-testid="kv-secrets-loading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <span className="sr-only">Loading secrets…</span>
      <div className="flex flex-col gap-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="grid grid-cols-6 gap-4">
            <Skeleton className="col-span-2" />
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

export function EmptyState({ search, indexFilling }: { search: string; indexFilling: boolean }) {
  return (
    <div data-testid="kv-secrets-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-semibold text-slate-900">
        {search ? `No secret names contain “${search}”` : "This Key Vault has no secrets yet"}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {search
          ? indexFilling
            ? "The vault is still being indexed; try again in a moment."
            : "Search matches any part of the name, ignoring case."
          : "Secrets created in the vault appear here, with their attributes and tags — never their values."}
      </p>
    </div>
  );
}

export function ErrorState({ problem, onRetry, retrying }: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  const detail = "detail" in problem ? problem.detail : problem.message;
  const requestId = "requestId" in problem ? problem.requestId : null;
  const title = "title" in problem ? problem.title : "Something went wrong";
  return (
    <Alert tone="danger" role="alert" title={`Could not list the Key Vault secrets: ${title}`} data-testid="kv-secrets-error">
      <p data-testid="kv-secrets-error-detail">{detail}</p>
      {requestId ? <p className="mt-1 font-mono text-xs">Request id: {requestId}</p> : null}
      <Button variant="primary" className="mt-3" onClick={onRetry} disabled={retrying} data-testid="kv-secrets-retry">
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </Alert>
  );
}
