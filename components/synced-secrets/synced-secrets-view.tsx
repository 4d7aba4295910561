"use client";

import { useQuery } from "@tanstack/react-query";
import { useCan } from "@/lib/auth/session-roles";
import { syncedSecretsQuery } from "@/lib/queries/synced-secrets";
import { SyncedSecretsEmpty, SyncedSecretsError, SyncedSecretsLoading } from "./list-states";
import { SyncedSecretsTable } from "./synced-secrets-table";

export function SyncedSecretsView() {
  const canOperate = useCan("operator");
  const { data, error, isPending, isError, isFetching, refetch } = useQuery(syncedSecretsQuery());
  return (
    <section aria-labelledby="synced-secrets-heading" className="flex flex-col gap-4" data-testid="synced-secrets">
      <h2 id="synced-secrets-heading" className="sr-only">
        Synced secrets
      </h2>
      {isPending ? (
        <SyncedSecretsLoading />
      ) : !data ? (
        <SyncedSecretsError problem={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows, but say they may be out of date. */}
          {isError ? <SyncedSecretsError problem={error} onRetry={() => void refetch()} retrying={isFetching} /> : null}
          {data.items.length === 0 ? <SyncedSecretsEmpty /> : <SyncedSecretsTable rows={data.items} canOperate={canOperate} />}
        </>
      )}
    </section>
  );
}
