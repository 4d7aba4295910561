import type { SourceWarning } from "@/lib/schemas/synced-secret-list";
import { Badge, type BadgeTone } from "@/components/ui/badge";

/** Short labels for the badge; the server's message says the rest (which secret, which date). */
const LABEL: Record<SourceWarning["kind"], string> = {
  "missing": "Missing in Key Vault",
  "no-spc-object": "Not in the SecretProviderClass",
  "disabled": "Disabled",
  "expired": "Expired",
  "not-yet-active": "Not yet active",
  "expiring-soon": "Expires soon",
};

// The sync controller cannot read the first five at all: danger. Expiring soon still works, for now.
const TONE: Record<SourceWarning["kind"], BadgeTone> = {
  "missing": "danger", "no-spc-object": "danger", "disabled": "danger", "expired": "danger",
  "not-yet-active": "warning", "expiring-soon": "warning",
};

/** One Key Vault source warning: a badge and the message in words. */
export function SourceWarningLine({ warning }: { warning: SourceWarning }) {
  return (
    <span className="flex flex-col items-start gap-0.5" data-testid="synced-secret-warning" data-kind={warning.kind} data-source={warning.source}>
      <Badge tone={TONE[warning.kind]}>{LABEL[warning.kind]}</Badge>
      <span className="text-xs [overflow-wrap:anywhere] text-slate-800">{warning.message}</span>
    </span>
  );
}
