import type { EndpointSyncState } from "@/lib/schemas/device-api";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";

const LAST_KNOWN: Record<"synced" | "failed" | "none", string> = {
  synced: "Last known state: Synced",
  failed: "Last known state: Failed",
  none: "Not synced before",
};

/**
 * The sync state of an endpoint's synced secret: Synced, Failed with the reason in words, Syncing (and, when the
 * sync controller has not answered for a while, what it last said), or missing. `null`: the endpoint has no secrets.
 * `testId` names the cell (`data-state` says the state); its parts are `<testId>-message` and `<testId>-no-answer`.
 */
export function SyncStateView({ sync, testId }: { sync: EndpointSyncState | null; testId: string }) {
  if (sync === null) {
    return <span className="text-xs text-slate-700" data-testid={testId} data-state="none">No secrets</span>;
  }
  switch (sync.state) {
    case "synced":
      return (
        <div className="flex flex-col items-start gap-1" data-testid={testId} data-state="synced">
          <Badge tone="success">Synced</Badge>
          {sync.lastSuccessfulSyncTime ? (
            <span className="text-xs text-slate-700"><DateTime value={sync.lastSuccessfulSyncTime} /></span>
          ) : null}
        </div>
      );
    case "failed":
      return (
        <div className="flex max-w-md min-w-48 flex-col items-start gap-1" data-testid={testId} data-state="failed">
          <Badge tone="danger">Failed{sync.reason ? ` · ${sync.reason}` : ""}</Badge>
          {sync.message ? (
            // The controller's messages can run to a paragraph: three lines in the table, the whole text on hover.
            <p className="line-clamp-3 max-w-xs min-w-48 text-xs [overflow-wrap:anywhere] text-red-800" title={sync.message} data-testid={`${testId}-message`}>{sync.message}</p>
          ) : null}
          {sync.since ? <span className="text-xs text-slate-700">Since <DateTime value={sync.since} /></span> : null}
        </div>
      );
    case "syncing":
      return (
        <div className="flex max-w-md min-w-48 flex-col items-start gap-1" data-testid={testId} data-state="syncing">
          <Badge tone="info">Syncing…</Badge>
          {sync.noAnswerSince ? (
            <>
              <span className="text-xs text-slate-700">{LAST_KNOWN[sync.lastKnown]}</span>
              <p className="text-xs text-amber-900" data-testid={`${testId}-no-answer`}>
                No answer from the sync controller since <DateTime value={sync.noAnswerSince} />
              </p>
            </>
          ) : null}
        </div>
      );
    case "missing":
      return (
        <div className="flex flex-col items-start gap-1" data-testid={testId} data-state="missing">
          <Badge tone="danger">Synced secret missing</Badge>
        </div>
      );
  }
}
