import { useFormContext, type UseFormReturn } from "react-hook-form";
import type { DeviceForm, DeviceFormInput } from "@/lib/schemas/device-form";

/** The device form's react-hook-form handle: input values while editing, the schema's output on submit. */
export type DeviceFormMethods = UseFormReturn<DeviceFormInput, unknown, DeviceForm>;

export function useDeviceFormContext(): DeviceFormMethods {
  return useFormContext<DeviceFormInput, unknown, DeviceForm>();
}

/** What every part of the form needs to know besides the values. */
export interface DeviceFormSettings {
  mode: "create" | "edit";
  /** Why secret fields are disabled (secret sync off, or a reader), or null when they can be used. */
  secretFieldsDisabledReason: string | null;
  readOnly: boolean;
}
