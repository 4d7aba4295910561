"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCan } from "@/lib/auth/session-roles";
import { dataflowEndpointsQuery } from "@/lib/queries/dataflow-endpoints";
import { FormLoading } from "@/components/endpoint-form/form-loading";
import { secretSyncDisabledReason } from "@/components/endpoint-form/secret-sync-notice";
import { EndpointForm } from "./endpoint-form";
import { dataflowEndpointHref } from "./labels";
import { EndpointsError } from "./list-states";
import { endpointSavedFlash } from "./saved-flash";
import { EndpointsSecretSyncNotice } from "./secret-sync-notice";

/** /dataflow-endpoints/new: the type chooser, then its form; whether secret sync is enabled comes with the list. */
export function EndpointCreate() {
  const canOperate = useCan("operator");
  const router = useRouter();
  const { data, error, isPending, isFetching, refetch } = useQuery(dataflowEndpointsQuery());
  if (isPending) return <FormLoading label="Loading…" testId="dataflow-endpoint-form-loading" />;
  if (!data) return <EndpointsError problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  return (
    <div className="flex flex-col gap-4">
      <EndpointsSecretSyncNotice secretSync={data.secretSync} />
      <EndpointForm
        mode="create"
        initial={null}
        resourceVersion={null}
        secretFieldsDisabledReason={secretSyncDisabledReason(data.secretSync)}
        readOnly={!canOperate}
        onSaved={(name) => {
          endpointSavedFlash.mark(name);
          router.replace(dataflowEndpointHref(name));
        }}
      />
    </div>
  );
}
