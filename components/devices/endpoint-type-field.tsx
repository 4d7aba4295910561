"use client";

import { useController } from "react-hook-form";
import { ENDPOINT_TYPES } from "@/lib/schemas/device-form";
import { firstErrorMessage } from "@/components/endpoint-form/form-errors";
import { fieldIds, FormField, INPUT_CLASS } from "@/components/endpoint-form/form-field";
import { useDeviceFormContext } from "./form-context";

const OTHER = "other";

/** OPC UA, ONVIF, or Other with a text box for any other type (e.g. a custom connector's). */
export function EndpointTypeField({ index, idBase, onTypeChange }: {
  index: number;
  idBase: string;
  /** Told the new type, e.g. so the OPC UA-only trust list can be cleared. */
  onTypeChange: (next: string) => void;
}) {
  const { control } = useDeviceFormContext();
  const { field: { ref, onBlur, onChange, value: current }, fieldState } = useController({ control, name: `endpoints.${index}.endpointType` });
  const value = current ?? "";
  const known = Object.values(ENDPOINT_TYPES).includes(value as never);
  const error = firstErrorMessage(fieldState.error);
  const set = (next: string) => {
    onChange(next);
    onTypeChange(next);
  };
  return (
    <div className="flex flex-col gap-3">
      <FormField id={`${idBase}-type`} label="Endpoint type" error={known ? error : undefined} testId="endpoint-type">
        <select
          {...fieldIds(`${idBase}-type`, { error: known ? error : undefined })}
          value={known ? value : OTHER}
          onChange={(e) => set(e.target.value === OTHER ? "" : e.target.value)}
          onBlur={onBlur}
          className={INPUT_CLASS}
          data-testid="endpoint-type"
        >
          <option value={ENDPOINT_TYPES.opcUa}>OPC UA ({ENDPOINT_TYPES.opcUa})</option>
          <option value={ENDPOINT_TYPES.onvif}>ONVIF ({ENDPOINT_TYPES.onvif})</option>
          <option value={OTHER}>Other…</option>
        </select>
      </FormField>
      {known ? null : (
        <FormField id={`${idBase}-type-other`} label="Other endpoint type" error={error} testId="endpoint-type-other"
          hint="The type the connector expects, e.g. Contoso.Modbus">
          <input
            {...fieldIds(`${idBase}-type-other`, { hint: true, error })}
            ref={ref}
            value={value}
            onChange={(e) => set(e.target.value)}
            onBlur={onBlur}
            autoComplete="off"
            spellCheck={false}
            className={INPUT_CLASS}
            data-testid="endpoint-type-other"
          />
        </FormField>
      )}
    </div>
  );
}
