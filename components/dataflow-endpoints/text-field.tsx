"use client";

import type { ReactNode } from "react";
import { fieldIds, FormField, INPUT_CLASS } from "@/components/endpoint-form/form-field";
import { useFieldError } from "./field-error";
import { useEndpointFormContext, type EndpointFieldPath } from "./form-context";

/**
 * A text box bound to one field of the endpoint form, with its hint and its message below it. `testId` names the
 * input (and is its id); the message is `<testId>-error`.
 */
export function TextField({ path, label, hint, placeholder, testId, mono = false, readOnly = false, className, onChange }: {
  path: EndpointFieldPath;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  testId: string;
  mono?: boolean;
  readOnly?: boolean;
  className?: string;
  /** After the form has the new value (e.g. so the synced secret name can follow the endpoint's name). */
  onChange?: (next: string, previous: string) => void;
}) {
  const { register, getValues } = useEndpointFormContext();
  const error = useFieldError(path);
  const field = register(path);
  return (
    <FormField id={testId} label={label} hint={hint} error={error} testId={testId} className={className}>
      <input
        {...field}
        {...fieldIds(testId, { hint: Boolean(hint), error })}
        onChange={(ev) => {
          const previous = String(getValues(path) ?? "");
          void field.onChange(ev);
          onChange?.(ev.target.value, previous);
        }}
        placeholder={placeholder}
        readOnly={readOnly}
        aria-readonly={readOnly || undefined}
        autoComplete="off"
        spellCheck={false}
        className={mono ? `${INPUT_CLASS} font-mono` : INPUT_CLASS}
        data-testid={testId}
      />
    </FormField>
  );
}

/** A whole number the operator may leave empty (then the service's default applies and the field is not written). */
export function CountField({ path, label, testId, unit }: { path: EndpointFieldPath; label: string; testId: string; unit?: string }) {
  const { register } = useEndpointFormContext();
  const error = useFieldError(path);
  return (
    <FormField id={testId} label={unit ? `${label} (${unit})` : label} hint="Empty: the service's default." error={error} testId={testId}>
      <input
        {...register(path, { setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v)) })}
        {...fieldIds(testId, { hint: true, error })}
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        placeholder="Service default"
        className={INPUT_CLASS}
        data-testid={testId}
      />
    </FormField>
  );
}

/** A choice among a few fixed values, bound to one field. */
export function SelectField({ path, label, hint, options, testId }: {
  path: EndpointFieldPath;
  label: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  testId: string;
}) {
  const { register } = useEndpointFormContext();
  const error = useFieldError(path);
  return (
    <FormField id={testId} label={label} hint={hint} error={error} testId={testId}>
      <select {...register(path)} {...fieldIds(testId, { hint: Boolean(hint), error })} className={INPUT_CLASS} data-testid={testId}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FormField>
  );
}
