"use client";

import { deleteDevice } from "@/lib/api/devices";
import { deviceDeletePlanQuery, deviceKeys } from "@/lib/queries/devices";
import { DeleteDialog } from "@/components/endpoint-form/delete-dialog";

/**
 * Delete device and its confirmation: the device's synced secrets that nothing else uses may go with it
 * (unticked by default); Key Vault secrets are never deleted.
 */
export function DeleteDeviceDialog({ name }: { name: string }) {
  return (
    <DeleteDialog
      what="device"
      name={name}
      consequence="This removes the device and its inbound endpoints from the cluster."
      planQuery={deviceDeletePlanQuery(name)}
      remove={(secrets) => deleteDevice(name, secrets)}
      listHref="/devices"
      detailKey={deviceKeys.detail(name)}
      listKey={deviceKeys.list()}
      testIdPrefix="device"
    />
  );
}
