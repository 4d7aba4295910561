import type { SyncedSecretEventRecord } from "@/lib/schemas/synced-secret-detail";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { Section } from "./section";

/** Kubernetes Events about this SecretSync, newest first (the sync controller records its failures as Warning events). */
export function EventsSection({ events }: { events: SyncedSecretEventRecord[] }) {
  return (
    <Section id="synced-secret-events" title="Kubernetes events" testId="synced-secret-events">
      {events.length === 0 ? (
        <p className="text-sm text-slate-700">No events (Kubernetes keeps them for about an hour).</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {events.map((e, i) => (
            <li key={`${e.lastSeen}-${e.reason}-${i}`} className="flex flex-col gap-1 text-sm" data-testid="synced-secret-event" data-type={e.type}>
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={e.type === "Warning" ? "warning" : "neutral"}>{e.type}</Badge>
                {e.reason ? <span className="font-mono text-xs">{e.reason}</span> : null}
                {e.count && e.count > 1 ? <span className="text-xs text-slate-700">×{e.count}</span> : null}
                <span className="text-xs text-slate-700"><DateTime value={e.lastSeen} /></span>
                {e.source ? <span className="text-xs text-slate-700">by {e.source}</span> : null}
              </span>
              {e.message ? <p className="text-xs [overflow-wrap:anywhere] text-slate-800">{e.message}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
