"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { isApiProblem } from "@/lib/api/client";
import { useCan } from "@/lib/auth/session-roles";
import { dataflowEndpointQuery } from "@/lib/queries/dataflow-endpoints";
import { Alert } from "@/components/ui/alert";
import { ListError } from "@/components/ui/list-states";
import { FormLoading } from "@/components/endpoint-form/form-loading";
import { secretSyncDisabledReason } from "@/components/endpoint-form/secret-sync-notice";
import { DeleteEndpointDialog } from "./delete-endpoint-dialog";
import { EndpointForm } from "./endpoint-form";
import { SaveStatus } from "./save-status";
import { endpointSavedFlash } from "./saved-flash";
import { EndpointsSecretSyncNotice } from "./secret-sync-notice";

/**
 * /dataflow-endpoints/<name>: the endpoint's sync state (followed every 2 s while its synced secret syncs) and its
 * form. The form is filled once from the load; refreshes update the sync state only, never what is being typed.
 * AIO's own `default` endpoint is edited like any other and never offered for deletion.
 */
export function EndpointEdit({ name }: { name: string }) {
  const canOperate = useCan("operator");
  const { data, error, isPending, isFetching, refetch } = useQuery(dataflowEndpointQuery(name));
  const [justSaved, setJustSaved] = useState(() => endpointSavedFlash.was(name));
  // Bumped by Reload: the form starts again from the endpoint as it is now.
  const [formGeneration, setFormGeneration] = useState(0);
  useEffect(() => endpointSavedFlash.forget(name), [name]);

  if (isPending) return <FormLoading label="Loading the data flow endpoint…" testId="dataflow-endpoint-form-loading" />;
  if (!data) {
    if (isApiProblem(error) && error.status === 404) {
      return (
        <Alert tone="warning" title={`There is no data flow endpoint named ${name}`} data-testid="dataflow-endpoint-not-found">
          It may have been deleted. <Link href="/dataflow-endpoints" className="font-medium underline">Back to data flow endpoints</Link>
        </Alert>
      );
    }
    return <ListError testId="dataflow-endpoint" what={`data flow endpoint ${name}`} problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  return (
    <div className="flex flex-col gap-4">
      <SaveStatus detail={data} justSaved={justSaved} />
      <EndpointsSecretSyncNotice secretSync={data.secretSync} />
      {data.notEditable ? (
        <Alert tone="warning" title="This endpoint cannot be edited here" data-testid="dataflow-endpoint-not-editable">
          {data.notEditable}
        </Alert>
      ) : null}
      <EndpointForm
        key={formGeneration}
        mode="edit"
        initial={data.values}
        resourceVersion={data.resourceVersion}
        secretFieldsDisabledReason={secretSyncDisabledReason(data.secretSync)}
        readOnly={!canOperate || data.notEditable !== null}
        onSaved={() => setJustSaved(true)}
        onReload={() => {
          setJustSaved(false);
          void refetch().then(() => setFormGeneration((g) => g + 1));
        }}
        deleteAction={canOperate ? <DeleteAction name={name} deletable={data.deletable} refusal={data.deleteRefusal} /> : null}
      />
    </div>
  );
}

/** Delete, or why this endpoint is never deleted (AIO's own `default`). */
function DeleteAction({ name, deletable, refusal }: { name: string; deletable: boolean; refusal: string | null }) {
  if (deletable) return <DeleteEndpointDialog name={name} />;
  return (
    <p className="max-w-sm text-xs text-slate-700" data-testid="dataflow-endpoint-delete-refusal">
      {refusal ?? "This endpoint cannot be deleted."}
    </p>
  );
}
