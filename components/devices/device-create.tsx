"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/lib/auth/session-roles";
import { devicesQuery } from "@/lib/queries/devices";
import { FormLoading } from "@/components/endpoint-form/form-loading";
import { secretSyncDisabledReason } from "@/components/endpoint-form/secret-sync-notice";
import { DeviceForm } from "./device-form";
import { blankDevice } from "./form-values";
import { DevicesError } from "./list-states";
import { deviceSavedFlash } from "./saved-flash";
import { DevicesSecretSyncNotice } from "./secret-sync-notice";

/** /devices/new: the empty form; whether secret sync is enabled comes with the devices list. */
export function DeviceCreate() {
  const canOperate = useCan("operator");
  const router = useRouter();
  const [initial] = useState(blankDevice);
  const { data, error, isPending, isFetching, refetch } = useQuery(devicesQuery());
  if (isPending) return <DeviceFormLoading />;
  if (!data) return <DevicesError problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  return (
    <div className="flex flex-col gap-4">
      <DevicesSecretSyncNotice secretSync={data.secretSync} />
      <DeviceForm
        mode="create"
        initial={initial}
        resourceVersion={null}
        secretFieldsDisabledReason={secretSyncDisabledReason(data.secretSync)}
        readOnly={!canOperate}
        onSaved={(name) => {
          deviceSavedFlash.mark(name);
          router.replace(`/devices/${encodeURIComponent(name)}`);
        }}
      />
    </div>
  );
}

export function DeviceFormLoading() {
  return <FormLoading label="Loading the device…" testId="device-form-loading" />;
}
