import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { SyncStateView } from "@/components/endpoint-form/sync-state";
import { creatorInWords } from "../creator";
import { Fact, Section } from "./section";

/** Status, who made it, when it last synced, and the Kubernetes Secret it makes (type, key names, whether it exists). */
export function SummarySection({ detail }: { detail: SyncedSecretDetail }) {
  const { secret } = detail;
  return (
    <Section id="synced-secret-summary" title="Summary" testId="synced-secret-summary">
      {detail.system ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800" data-testid="synced-secret-detail-system">
          <Badge tone="neutral">System</Badge>
          {detail.systemReason ?? "Not the instance's own synced secret"}: shown here, never changed from the portal.
        </p>
      ) : null}
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Fact term="Status">
          <SyncStateView sync={detail.sync} testId="synced-secret-detail-status" />
        </Fact>
        <Fact term="Last successful sync" testId="synced-secret-detail-last-sync">
          <DateTime value={detail.lastSuccessfulSyncTime} />
        </Fact>
        <Fact term="Sync last asked for" testId="synced-secret-detail-sync-requested">
          <DateTime value={detail.syncRequestedAt} />
        </Fact>
        <Fact term="Created by" testId="synced-secret-detail-creator">
          {creatorInWords(detail.createdBy)}
        </Fact>
        <Fact term="Created">
          <DateTime value={detail.createdOn} />
        </Fact>
        <Fact term="SecretProviderClass">
          <span className="font-mono">{detail.secretProviderClassName}</span>
        </Fact>
        <Fact term="Kubernetes Secret" testId="synced-secret-detail-secret">
          {secret.exists ? (
            <span data-exists="true">
              Exists · <span className="font-mono">{secret.type ?? detail.secretType}</span>
              <span className="block text-xs text-slate-700">Keys: {secret.keys.join(", ") || "none"}</span>
            </span>
          ) : (
            <span data-exists="false">Not created yet (asks for type <span className="font-mono">{detail.secretType}</span>)</span>
          )}
        </Fact>
        <Fact term="Service account">
          <span className="font-mono">{detail.serviceAccountName}</span>
        </Fact>
      </dl>
    </Section>
  );
}
