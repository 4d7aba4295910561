import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ActivityItem, ActivityOutcome } from "@/lib/schemas/audit";

const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const TONE: Record<ActivityOutcome, BadgeTone> = { succeeded: "success", failed: "danger", denied: "warning", unknown: "neutral" };
const LABEL: Record<ActivityOutcome, string> = { succeeded: "succeeded", failed: "failed", denied: "denied", unknown: "outcome unknown" };

/** Audit entries, newest first: when, who, what, which resources, outcome, request id. */
export function ActivityTable({ items, busy }: { items: ActivityItem[]; busy: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0}
      role="region" aria-label="Activity entries">
      <table className="min-w-full text-left text-sm" data-testid="activity-table" aria-busy={busy}>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2">Time</th>
            <th scope="col" className="px-4 py-2">User</th>
            <th scope="col" className="px-4 py-2">Action</th>
            <th scope="col" className="px-4 py-2">Resources</th>
            <th scope="col" className="px-4 py-2">Outcome</th>
            <th scope="col" className="px-4 py-2">Request id</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((e) => (
            <tr key={e.id} data-testid="activity-row" data-outcome={e.outcome} className="align-top">
              <td className="px-4 py-2 whitespace-nowrap">
                <time dateTime={e.time} title={e.time}>{FORMAT.format(new Date(e.time))}</time>
              </td>
              <td className="px-4 py-2">
                <span className="font-medium" data-testid="activity-user">{e.actor.name}</span>
                <span className="block font-mono text-xs text-slate-600" title="Entra object id">{e.actor.oid}</span>
              </td>
              <td className="px-4 py-2 font-mono text-xs" data-testid="activity-action">{e.action}</td>
              <td className="px-4 py-2 font-mono text-xs break-all">{e.resources.join(", ")}</td>
              <td className="px-4 py-2">
                <Badge tone={TONE[e.outcome]}>{LABEL[e.outcome]}</Badge>
                <span className="ml-2 text-xs text-slate-600">{e.status ?? ""}{e.problem ? ` · ${e.problem}` : ""}{e.upstreamCode ? ` (${e.upstreamCode})` : ""}</span>
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-700">{e.requestId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
