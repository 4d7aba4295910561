import type { SyncedSecretCondition } from "@/lib/schemas/synced-secret-detail";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { Section } from "./section";

const tone = (status: string) => (status === "True" ? "success" : status === "False" ? "danger" : "warning");

/** The SecretSync's status conditions as the sync controller wrote them: type, status, reason and message. */
export function ConditionsSection({ conditions }: { conditions: SyncedSecretCondition[] }) {
  return (
    <Section id="synced-secret-conditions" title="Conditions" testId="synced-secret-conditions">
      {conditions.length === 0 ? (
        <p className="text-sm text-slate-700">The sync controller has not written any condition yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {conditions.map((c) => (
            <li key={c.type} className="flex flex-col gap-1 text-sm" data-testid="synced-secret-condition" data-type={c.type} data-status={c.status}>
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono font-medium">{c.type}</span>
                <Badge tone={tone(c.status)}>{c.status}</Badge>
                {c.reason ? <span className="font-mono text-xs">{c.reason}</span> : null}
                {c.lastTransitionTime ? <span className="text-xs text-slate-700">since <DateTime value={c.lastTransitionTime} /></span> : null}
              </span>
              {c.message ? <p className="text-xs [overflow-wrap:anywhere] text-slate-800">{c.message}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
