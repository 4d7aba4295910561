import Link from "next/link";
import type { DeviceDetail } from "@/lib/schemas/device-api";
import { Alert } from "@/components/ui/alert";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { syncedSecretHref } from "@/components/endpoint-form/synced-secret-href";

type Endpoint = DeviceDetail["endpoints"][number];

const settled = (e: Endpoint) => e.sync === null || e.sync.state !== "syncing";

/**
 * Each endpoint's synced secret and its sync state, refreshed by the detail query (every 2 s while one is
 * syncing). After a save it also says so, and whether the cluster has caught up.
 */
export function SaveStatus({ detail, justSaved }: { detail: DeviceDetail; justSaved: boolean }) {
  const endpoints = detail.endpoints;
  const allSettled = endpoints.every(settled);
  return (
    <section aria-labelledby="device-sync-heading" className="mb-6 flex flex-col gap-3" data-testid="device-save-status">
      {justSaved ? (
        <Alert title={`Saved device ${detail.name}`} data-testid="device-save-success">
          {allSettled
            ? "The cluster has caught up: each endpoint's state is below."
            : "Following each endpoint's synced secret until it is synced or fails…"}
        </Alert>
      ) : null}
      <h2 id="device-sync-heading" className="text-base font-semibold text-slate-900">Sync state</h2>
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-700">The device has no inbound endpoints.</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2" data-testid="device-sync-states">
          {endpoints.map((e) => (
            <li key={e.name} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm"
              data-testid="device-endpoint-status" data-endpoint={e.name} data-sync-state={e.sync?.state ?? "none"}>
              <p>
                <span className="font-mono font-medium text-slate-900">{e.name}</span>
                {e.syncedSecretName ? (
                  <>
                    {" · "}
                    <Link href={syncedSecretHref(e.syncedSecretName)} className="font-mono text-xs text-blue-800 underline hover:text-blue-900">
                      {e.syncedSecretName}
                    </Link>
                  </>
                ) : null}
              </p>
              <SyncStateView sync={e.sync} testId="device-sync-state" />
              {e.edgeError ? <p className="text-xs text-red-800" data-testid="device-edge-error">Edge: {e.edgeError}</p> : null}
              {e.unresolved.length ? (
                <ul className="text-xs text-amber-900" data-testid="device-unresolved">
                  {e.unresolved.map((u) => (
                    <li key={`${u.field}/${u.reference}`}>
                      {u.field} (<span className="font-mono">{u.reference}</span>): {u.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
