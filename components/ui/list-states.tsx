import type { ReactNode } from "react";
import type { ApiProblem } from "@/lib/api/client";
import { Alert } from "./alert";
import { Button } from "./button";
import { Skeleton } from "./skeleton";

/**
 * The three states every list page shows besides its table. `testId` is the list's prefix: the states carry
 * `<testId>-loading`, `<testId>-empty`, `<testId>-error` (+ `-error-detail`, `-retry`) for the e2e tests.
 */
// Literal class names, so Tailwind generates them (no inline styles under the page's CSP).
const GRID_COLUMNS = { 4: "grid-cols-4", 5: "grid-cols-5", 6: "grid-cols-6" } as const;

export function ListLoading({ testId, label, rows, columns }: {
  testId: string; label: string; rows: number; columns: keyof typeof GRID_COLUMNS;
}) {
  return (
    <div role="status" data-testid={`${testId}-loading`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <span className="sr-only">{label}</span>
      <div className="flex flex-col gap-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`grid gap-4 ${GRID_COLUMNS[columns]}`}>
            {Array.from({ length: columns }, (_, j) => <Skeleton key={j} />)}
          </div>
        ))}
      </div>
    </div>
  );
}

export function ListEmpty({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <div data-testid={`${testId}-empty`} className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-semibold text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-700">{children}</p>
    </div>
  );
}

/** A failed list: the problem's title and detail (never more than the server said), its request id, and Retry. */
export function ListError({ testId, what, problem, onRetry, retrying }: {
  testId: string; what: string; problem: ApiProblem | Error; onRetry: () => void; retrying: boolean;
}) {
  const detail = "detail" in problem ? problem.detail : problem.message;
  const requestId = "requestId" in problem ? problem.requestId : null;
  const title = "title" in problem ? problem.title : "Something went wrong";
  return (
    <Alert tone="danger" role="alert" title={`Could not list ${what}: ${title}`} data-testid={`${testId}-error`}>
      <p data-testid={`${testId}-error-detail`}>{detail}</p>
      {requestId ? <p className="mt-1 font-mono text-xs">Request id: {requestId}</p> : null}
      <Button variant="primary" className="mt-3" onClick={onRetry} disabled={retrying} data-testid={`${testId}-retry`}>
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </Alert>
  );
}
