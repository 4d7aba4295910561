import Link from "next/link";
import type { DataflowEndpointDetail } from "@/lib/schemas/dataflow-endpoint-api";
import { Alert } from "@/components/ui/alert";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { syncedSecretHref } from "@/components/endpoint-form/synced-secret-href";

/**
 * The endpoint's synced secret and its sync state, refreshed by the detail query (every 2 s while it syncs), with
 * what the cluster reports of the endpoint itself. After a save it also says so, and whether the cluster has caught up.
 */
export function SaveStatus({ detail, justSaved }: { detail: DataflowEndpointDetail; justSaved: boolean }) {
  const settled = detail.sync === null || detail.sync.state !== "syncing";
  const syncedSecret = detail.values.syncedSecretName;
  return (
    <section aria-labelledby="dataflow-endpoint-sync-heading" className="mb-6 flex flex-col gap-3" data-testid="dataflow-endpoint-save-status"
      data-sync-state={detail.sync?.state ?? "none"}>
      {justSaved ? (
        <Alert title={`Saved data flow endpoint ${detail.name}`} data-testid="dataflow-endpoint-save-success">
          {detail.sync === null
            ? "The endpoint keeps no secret: there is nothing to sync."
            : settled
              ? "The cluster has caught up: the synced secret's state is below."
              : "Following the synced secret until it is synced or fails…"}
        </Alert>
      ) : null}
      <h2 id="dataflow-endpoint-sync-heading" className="text-base font-semibold text-slate-900">Sync state</h2>
      <div className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
        {syncedSecret && detail.sync !== null ? (
          <p>
            Synced secret{" "}
            <Link href={syncedSecretHref(syncedSecret)} className="font-mono text-xs text-blue-800 underline hover:text-blue-900"
              data-testid="dataflow-endpoint-synced-secret-link">
              {syncedSecret}
            </Link>
          </p>
        ) : null}
        <SyncStateView sync={detail.sync} testId="dataflow-endpoint-sync-state" />
        {detail.unresolved.length ? (
          <ul className="text-xs text-amber-900" data-testid="dataflow-endpoint-unresolved">
            {detail.unresolved.map((u) => (
              <li key={`${u.field}/${u.reference}`}>
                {u.field} (<span className="font-mono">{u.reference}</span>): {u.reason}
              </li>
            ))}
          </ul>
        ) : null}
        {detail.provisioningState || detail.healthState ? (
          <p className="text-xs text-slate-700" data-testid="dataflow-endpoint-status">
            {detail.provisioningState ? <>Provisioning: {detail.provisioningState}</> : null}
            {detail.provisioningState && detail.healthState ? " · " : null}
            {detail.healthState ? <>Health: {detail.healthState}</> : null}
          </p>
        ) : null}
      </div>
    </section>
  );
}
