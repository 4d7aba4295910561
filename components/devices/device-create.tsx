"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/lib/auth/session-roles";
import { devicesQuery } from "@/lib/queries/devices";
import { Skeleton } from "@/components/ui/skeleton";
import { DeviceForm } from "./device-form";
import { blankDevice } from "./form-values";
import { DevicesError } from "./list-states";
import { markJustSaved } from "./saved-flash";
import { secretSyncDisabledReason, SecretSyncNotice } from "./secret-sync-notice";

/** /devices/new: the empty form; whether secret sync is enabled comes with the devices list. */
export function DeviceCreate() {
  const canOperate = useCan("operator");
  const router = useRouter();
  const [initial] = useState(blankDevice);
  const { data, error, isPending, isFetching, refetch } = useQuery(devicesQuery());
  if (isPending) return <FormLoading />;
  if (!data) return <DevicesError problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  return (
    <div className="flex flex-col gap-4">
      <SecretSyncNotice secretSync={data.secretSync} />
      <DeviceForm
        mode="create"
        initial={initial}
        resourceVersion={null}
        secretFieldsDisabledReason={secretSyncDisabledReason(data.secretSync)}
        readOnly={!canOperate}
        onSaved={(name) => {
          markJustSaved(name);
          router.replace(`/devices/${encodeURIComponent(name)}`);
        }}
      />
    </div>
  );
}

export function FormLoading() {
  return (
    <div role="status" data-testid="device-form-loading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <span className="sr-only">Loading the device…</span>
      <Skeleton className="w-1/3" /><Skeleton /><Skeleton className="w-2/3" /><Skeleton />
    </div>
  );
}
