"use client";

import { createDataflowEndpoint, updateDataflowEndpoint } from "@/lib/api/dataflow-endpoints";
import type { DataflowEndpointSaveResult } from "@/lib/schemas/dataflow-endpoint-api";
import type { DataflowEndpointForm } from "@/lib/schemas/dataflow-endpoint-form";
import { useSecretFormSave } from "@/components/endpoint-form/use-secret-form-save";
import { requestValues } from "./form-values";

export type EndpointSaveTarget = { mode: "create" } | { mode: "edit"; name: string; resourceVersion: string };

/**
 * Review (`?dryRun=All`) and Save of the endpoint form: `POST /api/dataflow-endpoints`, or `PUT` over the loaded
 * resourceVersion. The values (which may hold new secret values) never become mutation variables: see
 * {@link useSecretFormSave}.
 */
export function useEndpointSave(target: EndpointSaveTarget, handlers: {
  onSaved: (result: DataflowEndpointSaveResult, values: DataflowEndpointForm) => void | Promise<void>;
  onError: (error: Error) => void;
}) {
  return useSecretFormSave<DataflowEndpointForm, DataflowEndpointSaveResult>((values, { idempotencyKey, dryRun }) => {
    const body = requestValues(values);
    return target.mode === "create"
      ? createDataflowEndpoint({ ...body, idempotencyKey }, { dryRun })
      : updateDataflowEndpoint(target.name, { ...body, idempotencyKey, resourceVersion: target.resourceVersion }, { dryRun });
  }, handlers);
}
