"use client";

import { createDevice, updateDevice } from "@/lib/api/devices";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import type { DeviceForm } from "@/lib/schemas/device-form";
import { useSecretFormSave } from "@/components/endpoint-form/use-secret-form-save";
import { requestFields } from "./form-values";

export type DeviceSaveTarget = { mode: "create" } | { mode: "edit"; name: string; resourceVersion: string };

/**
 * Review (`?dryRun=All`) and Save of the device form: `POST /api/devices`, or `PUT` over the loaded resourceVersion.
 * The values (which may hold new secret values) never become mutation variables: see {@link useSecretFormSave}.
 */
export function useDeviceSave(target: DeviceSaveTarget, handlers: {
  onSaved: (result: DeviceSaveResult, values: DeviceForm) => void | Promise<void>;
  onError: (error: Error) => void;
}) {
  return useSecretFormSave<DeviceForm, DeviceSaveResult>((values, { idempotencyKey, dryRun }) => {
    const fields = requestFields(values);
    return target.mode === "create"
      ? createDevice({ ...fields, idempotencyKey }, { dryRun })
      : updateDevice(target.name, { ...fields, idempotencyKey, resourceVersion: target.resourceVersion }, { dryRun });
  }, handlers);
}
