import type { SyncState } from "@/lib/schemas/synced-secret-list";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";

/** Synced · time, Failed · reason (with the controller's message on the row), or Syncing. */
export function SyncStatusCell({ sync }: { sync: SyncState }) {
  if (sync.state === "synced") {
    return (
      <div className="flex flex-col items-start gap-1" data-testid="synced-secret-status" data-state="synced">
        <Badge tone="success">Synced</Badge>
        {sync.lastSuccessfulSyncTime ? (
          <span className="text-xs text-slate-700">
            <DateTime value={sync.lastSuccessfulSyncTime} />
          </span>
        ) : null}
      </div>
    );
  }
  if (sync.state === "syncing" || sync.state === "missing") {
    return (
      <div className="flex flex-col items-start gap-1" data-testid="synced-secret-status" data-state={sync.state}>
        <Badge tone="info">Syncing</Badge>
        <span className="text-xs text-slate-700">
          {sync.state === "syncing" && sync.noAnswerSince ? "No answer from the sync controller yet" : "Not synced yet"}
        </span>
      </div>
    );
  }
  return (
    <div className="flex max-w-md min-w-56 flex-col items-start gap-1" data-testid="synced-secret-status" data-state="failed">
      <Badge tone="danger">Failed{sync.reason ? ` · ${sync.reason}` : ""}</Badge>
      {sync.message ? (
        <p className="text-xs [overflow-wrap:anywhere] text-red-800" data-testid="synced-secret-status-message">
          {sync.message}
        </p>
      ) : null}
      {sync.since ? (
        <span className="text-xs text-slate-700">
          Since <DateTime value={sync.since} />
        </span>
      ) : null}
    </div>
  );
}
