import { Badge } from "@/components/ui/badge";
import { DateTime } from "./date-time";
import { expiryState } from "./expiry";

export function ExpiryCell({ expiresOn, now }: { expiresOn: string | null; now: Date }) {
  const state = expiryState(expiresOn, now);
  return (
    <div className="flex flex-col items-start gap-1" data-testid="kv-secret-expiry" data-expiry-state={state.kind}>
      {state.kind === "none" ? (
        <span className="text-slate-600">Never</span>
      ) : (
        <DateTime value={state.at} />
      )}
      {state.kind === "expired" ? <Badge tone="danger">Expired</Badge> : null}
      {state.kind === "soon" ? (
        <Badge tone="warning">Expires in {state.days} {state.days === 1 ? "day" : "days"}</Badge>
      ) : null}
    </div>
  );
}
