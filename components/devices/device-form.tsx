"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { FormProvider, useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { isApiProblem } from "@/lib/api/client";
import { usePreservedForm } from "@/lib/auth/preserve-form";
import { deviceKeys } from "@/lib/queries/devices";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import { deviceForm, type DeviceForm as DeviceFormValues, type DeviceFormInput } from "@/lib/schemas/device-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/endpoint-form/form-actions";
import { firstErrorMessage, splitFieldErrors } from "@/components/endpoint-form/form-errors";
import { FormProblem } from "@/components/endpoint-form/form-problem";
import { RestoredNotice } from "@/components/endpoint-form/restored-notice";
import { ReviewDialog } from "@/components/endpoint-form/review-dialog";
import { DeviceFields } from "./device-fields";
import { EndpointFields } from "./endpoint-fields";
import type { DeviceFormSettings } from "./form-context";
import { blankEndpoint, DEVICE_FORM_FIELDS, DEVICE_SECRET_PATHS, mergeRestored, savedValues } from "./form-values";
import { SavePlan } from "./save-plan";
import { useDeviceSave } from "./use-device-save";

/**
 * The device form, for create and edit: the device, its inbound endpoints and their secret references. Review
 * shows what a save writes; Save writes it. Field messages sit next to the fields (the server's too); anything
 * else is said at the top, and the form stays filled so Save again finishes the save.
 */
export function DeviceForm({ mode, initial, resourceVersion, secretFieldsDisabledReason, readOnly, onSaved, onReload, deleteAction }: {
  mode: "create" | "edit";
  initial: DeviceFormInput;
  /** The resourceVersion the edit form loaded (a PUT sends it: 409 when the device changed since). */
  resourceVersion: string | null;
  secretFieldsDisabledReason: string | null;
  readOnly: boolean;
  onSaved: (name: string, result: DeviceSaveResult) => void;
  /** Edit: load the device again (after someone else changed it). */
  onReload?: () => void;
  deleteAction?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const form = useForm<DeviceFormInput, unknown, DeviceFormValues>({
    resolver: zodResolver(deviceForm),
    defaultValues: initial,
    mode: "onTouched",
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "endpoints" });
  const [loadedVersion, setLoadedVersion] = useState(resourceVersion);
  const [reviewing, setReviewing] = useState(false);
  const [lastAction, setLastAction] = useState<"review" | "save">("save");
  const settings: DeviceFormSettings = {
    mode,
    readOnly,
    secretFieldsDisabledReason: readOnly ? "Read-only: adding references needs the Secrets operator role" : secretFieldsDisabledReason,
  };

  const showServerErrors = (error: Error) => {
    setReviewing(false);
    if (!isApiProblem(error) || error.status !== 400) return;
    splitFieldErrors(error, DEVICE_FORM_FIELDS).fieldErrors.forEach(({ path, message }, i) => {
      // An error on the list itself (e.g. no endpoints) belongs to the list, as the form's own check puts it.
      const name = (path === "endpoints" ? "endpoints.root" : path) as FieldPath<DeviceFormInput>;
      form.setError(name, { type: "server", message }, { shouldFocus: i === 0 });
    });
  };

  const { review, save, startReview, startSave } = useDeviceSave(
    mode === "create" ? { mode } : { mode, name: initial.name, resourceVersion: loadedVersion ?? "" },
    {
      onSaved: async (result, values) => {
        setReviewing(false);
        if (result.resourceVersion) setLoadedVersion(result.resourceVersion);
        // New secrets are in Key Vault now: the form keeps their names only, never their values.
        form.reset(savedValues(values));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: deviceKeys.all }),
          queryClient.invalidateQueries({ queryKey: syncedSecretKeys.all }),
        ]);
        onSaved(values.name, result);
      },
      onError: showServerErrors,
    },
  );

  const preserved = usePreservedForm({
    key: mode === "create" ? "device-new" : `device-edit-${initial.name}`,
    getValues: () => form.getValues(),
    secretFields: DEVICE_SECRET_PATHS,
    onRestore: (values) => {
      if (!readOnly) form.reset(mergeRestored(form.getValues(), values));
    },
  });

  const busy = review.isPending || save.isPending;
  const error = lastAction === "review" ? review.error : save.error;
  const submitSave = form.handleSubmit((values) => {
    setLastAction("save");
    startSave(values);
  });
  const submitReview = form.handleSubmit((values) => {
    setLastAction("review");
    setReviewing(true);
    startReview(values);
  });
  const endpointsError = firstErrorMessage(form.formState.errors.endpoints?.root) ?? form.formState.errors.endpoints?.message;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submitSave} className="flex flex-col gap-6" data-testid="device-form" data-mode={mode}
        aria-label={mode === "create" ? "Create device" : `Device ${initial.name}`}>
        {preserved.restored ? <RestoredNotice testId="device-form-restored" /> : null}
        {error ? (
          <FormProblem error={error} mode={mode} what="device" formFields={DEVICE_FORM_FIELDS} testIdPrefix="device-form" onReload={onReload} />
        ) : null}

        <fieldset disabled={readOnly || busy} className="flex min-w-0 flex-col gap-6">
          <DeviceFields settings={settings} />
          <section aria-labelledby="device-endpoints-heading" className="flex flex-col gap-4">
            <h2 id="device-endpoints-heading" className="text-base font-semibold text-slate-900">Inbound endpoints</h2>
            {fields.map((f, i) => (
              <EndpointFields key={f.id} index={i} settings={settings} onRemove={readOnly || fields.length < 2 ? null : () => remove(i)} />
            ))}
            {endpointsError ? (
              <p className="text-sm font-medium text-red-800" role="alert" data-testid="device-endpoints-error">{endpointsError}</p>
            ) : null}
            {readOnly ? null : (
              <div>
                <Button onClick={() => append(blankEndpoint(form.getValues("name"), ""))} data-testid="endpoint-add">
                  Add inbound endpoint
                </Button>
              </div>
            )}
          </section>
        </fieldset>

        <FormActions
          readOnly={readOnly}
          saving={save.isPending}
          reviewing={review.isPending}
          onReview={() => void submitReview()}
          backHref="/devices"
          backLabel="Back to devices"
          deleteAction={deleteAction}
          testIdPrefix="device"
        />
      </form>
      <ReviewDialog
        open={Boolean(reviewing && review.data)}
        saving={save.isPending}
        onSave={() => void submitSave()}
        onClose={() => setReviewing(false)}
        testIdPrefix="device"
      >
        {review.data ? <SavePlan plan={review.data.plan} /> : null}
      </ReviewDialog>
    </FormProvider>
  );
}
