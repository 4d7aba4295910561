import { Badge } from "@/components/ui/badge";
import { DateTime } from "./date-time";
import { notYetValid } from "./expiry";

/** Enabled/Disabled as Key Vault reports it, plus "Not yet valid" when notBefore is in the future. */
export function StatusCell({ enabled, notBefore, now }: { enabled: boolean; notBefore: string | null; now: Date }) {
  const pending = enabled && notYetValid(notBefore, now);
  return (
    <div className="flex flex-col items-start gap-1" data-testid="kv-secret-enabled" data-enabled={enabled}>
      {enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
      {pending ? (
        <span className="text-xs text-slate-700">
          Not valid before <DateTime value={notBefore} />
        </span>
      ) : null}
    </div>
  );
}
