"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { FormProvider, useForm, useWatch, type FieldPath } from "react-hook-form";
import { isApiProblem } from "@/lib/api/client";
import { usePreservedForm } from "@/lib/auth/preserve-form";
import { dataflowEndpointKeys } from "@/lib/queries/dataflow-endpoints";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import type { DataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import {
  dataflowEndpointForm, type DataflowEndpointForm, type DataflowEndpointFormInput,
} from "@/lib/schemas/dataflow-endpoint-form";
import { FormActions } from "@/components/endpoint-form/form-actions";
import { splitFieldErrors } from "@/components/endpoint-form/form-errors";
import { FormProblem } from "@/components/endpoint-form/form-problem";
import { RestoredNotice } from "@/components/endpoint-form/restored-notice";
import { ReviewDialog } from "@/components/endpoint-form/review-dialog";
import { EndpointFields } from "./endpoint-fields";
import { KIND_CHOICES, kindOf, sameKind, type EndpointKind } from "./endpoint-kinds";
import type { EndpointFormSettings } from "./form-context";
import { KindChooser } from "./kind-field";
import { ENDPOINT_FORM_FIELDS, ENDPOINT_SECRET_PATHS, mergeRestored, savedValues, valuesForKind } from "./form-values";
import { SavePlan } from "./save-plan";
import { useEndpointSave } from "./use-endpoint-save";

/**
 * The data flow endpoint form, for create and edit. Create starts with the endpoint's type (`initial` null): its
 * settings, defaults and authentication methods follow from it. Review shows what a save writes; Save writes it.
 * Field messages sit next to the fields (the server's too); anything else is said at the top, and the form stays
 * filled so Save again finishes the save.
 */
export function EndpointForm({ mode, initial, resourceVersion, secretFieldsDisabledReason, readOnly, onSaved, onReload, deleteAction }: {
  mode: "create" | "edit";
  /** Create: null until a type is chosen. Edit: the endpoint as loaded. */
  initial: DataflowEndpointFormInput | null;
  /** The resourceVersion the edit form loaded (a PUT sends it: 409 when the endpoint changed since). */
  resourceVersion: string | null;
  secretFieldsDisabledReason: string | null;
  readOnly: boolean;
  onSaved: (name: string, result: DataflowEndpointSaveResult) => void;
  /** Edit: load the endpoint again (after someone else changed it). */
  onReload?: () => void;
  deleteAction?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const form = useForm<DataflowEndpointFormInput, unknown, DataflowEndpointForm>({
    resolver: zodResolver(dataflowEndpointForm),
    // Before a type is chosen the fields are hidden; these values only give the form a shape.
    defaultValues: initial ?? valuesForKind(KIND_CHOICES[0]!, null),
    mode: "onTouched",
  });
  const [chosen, setChosen] = useState(initial !== null);
  const endpointType = useWatch({ control: form.control, name: "endpointType" });
  const hostType = useWatch({ control: form.control, name: "hostType" });
  const kind: EndpointKind = { endpointType, hostType: hostType ?? undefined };
  const [loadedVersion, setLoadedVersion] = useState(resourceVersion);
  const [reviewing, setReviewing] = useState(false);
  const [lastAction, setLastAction] = useState<"review" | "save">("save");
  const settings: EndpointFormSettings = {
    mode,
    readOnly,
    secretFieldsDisabledReason: readOnly ? "Read-only: adding references needs the Secrets operator role" : secretFieldsDisabledReason,
  };

  const chooseKind = (next: EndpointKind) => {
    if (chosen && sameKind(next, kind)) return;
    const { name, syncedSecretName } = form.getValues();
    form.reset(valuesForKind(next, { name, syncedSecretName }));
    setChosen(true);
  };

  const showServerErrors = (error: Error) => {
    setReviewing(false);
    if (!isApiProblem(error) || error.status !== 400) return;
    splitFieldErrors(error, ENDPOINT_FORM_FIELDS).fieldErrors.forEach(({ path, message }, i) => {
      form.setError(path as FieldPath<DataflowEndpointFormInput>, { type: "server", message }, { shouldFocus: i === 0 });
    });
  };

  const name = initial?.name ?? "";
  const { review, save, startReview, startSave } = useEndpointSave(
    mode === "create" ? { mode } : { mode, name, resourceVersion: loadedVersion ?? "" },
    {
      onSaved: async (result, values) => {
        setReviewing(false);
        if (result.resourceVersion) setLoadedVersion(result.resourceVersion);
        // New secrets are in Key Vault now: the form keeps their names only, never their values.
        form.reset(savedValues(values));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: dataflowEndpointKeys.all }),
          queryClient.invalidateQueries({ queryKey: syncedSecretKeys.all }),
        ]);
        onSaved(values.name, result);
      },
      onError: showServerErrors,
    },
  );

  const preserved = usePreservedForm<Record<string, unknown>>({
    key: mode === "create" ? "dataflow-endpoint-new" : `dataflow-endpoint-edit-${name}`,
    // Nothing to keep before a type is chosen (the hidden values are only the form's shape).
    getValues: () => (chosen ? form.getValues() : {}),
    secretFields: ENDPOINT_SECRET_PATHS,
    onRestore: (values) => {
      if (readOnly) return;
      form.reset(mergeRestored(form.getValues(), values, mode));
      if (kindOf(values)) setChosen(true);
    },
  });

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
  const busy = review.isPending || save.isPending;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={submitSave} className="flex flex-col gap-6" data-testid="dataflow-endpoint-form" data-mode={mode}
        data-endpoint-type={chosen ? endpointType : ""} data-host-type={chosen ? hostType ?? "" : ""}
        aria-label={mode === "create" ? "Create data flow endpoint" : `Data flow endpoint ${name}`}>
        {preserved.restored ? <RestoredNotice testId="dataflow-endpoint-form-restored" /> : null}
        {error ? (
          <FormProblem error={error} mode={mode} what="data flow endpoint" formFields={ENDPOINT_FORM_FIELDS}
            testIdPrefix="dataflow-endpoint-form" onReload={onReload} />
        ) : null}

        <fieldset disabled={readOnly || busy} className="flex min-w-0 flex-col gap-6">
          {mode === "create" ? (
            <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <KindChooser value={chosen ? kind : null} onChange={chooseKind} />
            </section>
          ) : null}
          {chosen ? <EndpointFields kind={kind} settings={settings} /> : (
            <p className="text-sm text-slate-700" data-testid="dataflow-endpoint-choose-kind">
              Choose the endpoint&apos;s type: its settings and authentication methods follow from it.
            </p>
          )}
        </fieldset>

        <FormActions
          readOnly={readOnly}
          saving={save.isPending}
          reviewing={review.isPending}
          onReview={() => void submitReview()}
          backHref="/dataflow-endpoints"
          backLabel="Back to data flow endpoints"
          deleteAction={deleteAction}
          testIdPrefix="dataflow-endpoint"
          notReady={!chosen}
        />
      </form>
      <ReviewDialog
        open={Boolean(reviewing && review.data)}
        saving={save.isPending}
        onSave={() => void submitSave()}
        onClose={() => setReviewing(false)}
        testIdPrefix="dataflow-endpoint"
      >
        {review.data ? <SavePlan plan={review.data.plan} /> : null}
      </ReviewDialog>
    </FormProvider>
  );
}
