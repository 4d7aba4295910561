import Link from "next/link";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { Badge } from "@/components/ui/badge";
import { creatorInWords } from "./creator";

/** The details page of one synced secret. */
export const syncedSecretDetailHref = (name: string) => `/secrets/${encodeURIComponent(name)}`;

/**
 * The name (a link to its details), a System badge and the reason for those the portal never changes, who made it
 * when that was not the portal, and the Kubernetes Secret's type and key names (or that it does not exist yet).
 */
export function NameCell({ secret }: { secret: SyncedSecret }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <Link
        href={syncedSecretDetailHref(secret.name)}
        className="font-mono text-sm font-medium [overflow-wrap:anywhere] text-blue-800 underline hover:text-blue-900"
        data-testid="synced-secret-name"
      >
        {secret.name}
      </Link>
      {secret.system ? (
        <>
          <Badge tone="neutral" data-testid="synced-secret-system">System</Badge>
          {secret.systemReason ? (
            <span className="text-xs text-slate-700" data-testid="synced-secret-system-reason">{secret.systemReason}</span>
          ) : null}
        </>
      ) : null}
      {secret.createdBy.kind === "other" ? (
        <span className="text-xs text-slate-700" data-testid="synced-secret-creator">Made by {creatorInWords(secret.createdBy)}</span>
      ) : null}
      <span className="text-xs text-slate-700" data-testid="synced-secret-type">
        <span className="font-mono">{secret.secret?.type ?? secret.secretType}</span>
        {" · "}
        {secret.secret ? `Keys: ${secret.secret.keys.join(", ") || "none"}` : "Secret not created yet"}
      </span>
    </div>
  );
}
