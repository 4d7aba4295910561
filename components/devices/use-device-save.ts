"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef } from "react";
import { createDevice, updateDevice } from "@/lib/api/devices";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import type { DeviceForm } from "@/lib/schemas/device-form";
import { requestFields } from "./form-values";

export type DeviceSaveTarget = { mode: "create" } | { mode: "edit"; name: string; resourceVersion: string };

/**
 * Review (`?dryRun=All`) and Save of the device form. The values may hold new secret values, so they never become
 * mutation variables (TanStack keeps those in its mutation cache): `mutate()` is called with none, and the request
 * reads the values from a ref set just before and emptied when the request is over.
 *
 * One save keeps one idempotency key across its retries (the server finishes a half-done save when it sees the key
 * again); a successful save starts a new one.
 */
export function useDeviceSave(target: DeviceSaveTarget, handlers: {
  onSaved: (result: DeviceSaveResult, values: DeviceForm) => void | Promise<void>;
  /** A refused or failed review or save (e.g. to put a 400's field messages next to the fields). */
  onError: (error: Error) => void;
}) {
  const pending = useRef<DeviceForm | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  const send = (dryRun: boolean): Promise<DeviceSaveResult> => {
    const values = pending.current;
    if (!values) return Promise.reject(new Error("There is nothing to save: submit the form again."));
    const key = (idempotencyKey.current ??= crypto.randomUUID());
    const fields = requestFields(values);
    return target.mode === "create"
      ? createDevice({ ...fields, idempotencyKey: key }, { dryRun })
      : updateDevice(target.name, { ...fields, idempotencyKey: key, resourceVersion: target.resourceVersion }, { dryRun });
  };
  const forget = () => {
    pending.current = null;
  };

  const review = useMutation({ mutationFn: () => send(true), onError: (e) => handlers.onError(e), onSettled: forget });
  const save = useMutation({
    mutationFn: () => send(false),
    onSuccess: async (result) => {
      const values = pending.current;
      idempotencyKey.current = null;
      if (values) await handlers.onSaved(result, values);
    },
    onError: (e) => handlers.onError(e),
    onSettled: forget,
  });

  return {
    review,
    save,
    /** Asks for the plan of saving these values (writes nothing). */
    startReview: (values: DeviceForm) => {
      save.reset();
      pending.current = values;
      review.mutate();
    },
    /** Saves these values (from the form, or from the review's Save: the review's plan stays on screen meanwhile). */
    startSave: (values: DeviceForm) => {
      pending.current = values;
      save.mutate();
    },
  };
}
