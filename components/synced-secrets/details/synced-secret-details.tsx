"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { isApiProblem } from "@/lib/api/client";
import { useCan } from "@/lib/auth/session-roles";
import { syncedSecretQuery } from "@/lib/queries/synced-secrets";
import { Alert } from "@/components/ui/alert";
import { ListError } from "@/components/ui/list-states";
import { FormLoading } from "@/components/endpoint-form/form-loading";
import { IndexAge } from "../index-age";
import { LiveStatus } from "../live-status";
import { useLiveSyncedSecrets } from "../use-live-synced-secrets";
import { ConditionsSection } from "./conditions-section";
import { DetailsActions } from "./details-actions";
import { EventsSection } from "./events-section";
import { KeysSection } from "./keys-section";
import { SummarySection } from "./summary-section";
import { UsersSection } from "./users-section";
import { YamlSection } from "./yaml-section";

/**
 * /secrets/<name>: one synced secret in full — status, keys and their Key Vault secrets, conditions, events, users
 * and YAML — kept current by the live stream. Operators get Sync now, Rotate and Delete unless it is a system one.
 */
export function SyncedSecretDetails({ name }: { name: string }) {
  const canOperate = useCan("operator");
  const { live } = useLiveSyncedSecrets();
  const { data, error, isPending, isFetching, refetch } = useQuery(syncedSecretQuery(name, { live }));

  if (isPending) return <FormLoading label={`Loading synced secret ${name}…`} testId="synced-secret-loading" />;
  // Also when it was shown and has been deleted since (the live stream made the page look again).
  if (isApiProblem(error) && error.status === 404) {
    return (
      <Alert tone="warning" title={`There is no synced secret named ${name}`} data-testid="synced-secret-not-found">
        It may have been deleted. <Link href="/secrets" className="font-medium underline">Back to the secrets</Link>
      </Alert>
    );
  }
  if (!data) {
    return <ListError testId="synced-secret" what={`synced secret ${name}`} problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  return (
    <div className="flex flex-col gap-4" data-testid="synced-secret-details" data-name={data.name} data-state={data.sync.state}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <Link href="/secrets" className="text-sm font-medium text-blue-800 underline hover:text-blue-900">← All synced secrets</Link>
          <IndexAge index={data.index} />
          <LiveStatus live={live} />
        </div>
        {canOperate && !data.system ? <DetailsActions detail={data} /> : null}
      </div>
      <SummarySection detail={data} />
      <KeysSection detail={data} />
      <UsersSection users={data.usedBy} />
      <ConditionsSection conditions={data.conditions} />
      <EventsSection events={data.events} />
      <YamlSection yaml={data.yaml} />
    </div>
  );
}
