import { useFormContext, type FieldPath, type UseFormReturn } from "react-hook-form";
import type { DataflowEndpointForm, DataflowEndpointFormInput } from "@/lib/schemas/dataflow-endpoint-form";

/** The endpoint form's react-hook-form handle: input values while editing, the schema's output on submit. */
export type EndpointFormMethods = UseFormReturn<DataflowEndpointFormInput, unknown, DataflowEndpointForm>;

/** A field of any endpoint type (the form's values are one type's at a time). */
export type EndpointFieldPath = FieldPath<DataflowEndpointFormInput>;

export function useEndpointFormContext(): EndpointFormMethods {
  return useFormContext<DataflowEndpointFormInput, unknown, DataflowEndpointForm>();
}

/** What every part of the form needs to know besides the values. */
export interface EndpointFormSettings {
  mode: "create" | "edit";
  /** Why secret fields are disabled (secret sync off, or a reader), or null when they can be used. */
  secretFieldsDisabledReason: string | null;
  readOnly: boolean;
}
