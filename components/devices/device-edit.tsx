"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { isApiProblem } from "@/lib/api/client";
import { useCan } from "@/lib/auth/session-roles";
import { deviceQuery } from "@/lib/queries/devices";
import { Alert } from "@/components/ui/alert";
import { ListError } from "@/components/ui/list-states";
import { secretSyncDisabledReason } from "@/components/endpoint-form/secret-sync-notice";
import { DeleteDeviceDialog } from "./delete-device-dialog";
import { DeviceFormLoading } from "./device-create";
import { DeviceForm } from "./device-form";
import { formValuesFromDetail } from "./form-values";
import { SaveStatus } from "./save-status";
import { deviceSavedFlash } from "./saved-flash";
import { DevicesSecretSyncNotice } from "./secret-sync-notice";

/**
 * /devices/<name>: the device's sync state (followed every 2 s while a synced secret syncs) and its form. The form
 * is filled once from the load; refreshes update the sync state only, never what the operator is typing.
 */
export function DeviceEdit({ name }: { name: string }) {
  const canOperate = useCan("operator");
  const { data, error, isPending, isFetching, refetch } = useQuery(deviceQuery(name));
  const [justSaved, setJustSaved] = useState(() => deviceSavedFlash.was(name));
  // Bumped by Reload: the form starts again from the device as it is now.
  const [formGeneration, setFormGeneration] = useState(0);
  useEffect(() => deviceSavedFlash.forget(name), [name]);

  if (isPending) return <DeviceFormLoading />;
  if (!data) {
    if (isApiProblem(error) && error.status === 404) {
      return (
        <Alert tone="warning" title={`There is no device named ${name}`} data-testid="device-not-found">
          It may have been deleted. <Link href="/devices" className="font-medium underline">Back to devices</Link>
        </Alert>
      );
    }
    return <ListError testId="device" what={`device ${name}`} problem={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  return (
    <div className="flex flex-col gap-4">
      <SaveStatus detail={data} justSaved={justSaved} />
      <DevicesSecretSyncNotice secretSync={data.secretSync} />
      <DeviceForm
        key={formGeneration}
        mode="edit"
        initial={formValuesFromDetail(data)}
        resourceVersion={data.resourceVersion}
        secretFieldsDisabledReason={secretSyncDisabledReason(data.secretSync)}
        readOnly={!canOperate}
        onSaved={() => setJustSaved(true)}
        onReload={() => {
          setJustSaved(false);
          void refetch().then(() => setFormGeneration((g) => g + 1));
        }}
        deleteAction={canOperate ? <DeleteDeviceDialog name={name} /> : null}
      />
    </div>
  );
}
