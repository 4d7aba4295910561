"use client";

import { useController, useWatch, type Control, type FieldPath, type FieldValues } from "react-hook-form";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { SecretField } from "@/components/secret-reference/secret-field";
import { firstErrorMessage } from "./form-errors";

/**
 * One **Add reference** secret field bound to a react-hook-form field. The reference (and a new secret's value)
 * lives only in the form's state; `onPicked` lets the form fill a synced secret name when a reference arrives.
 */
export function FormSecretField<T extends FieldValues>({
  control, name, label, field, required = false, certificateRole, counterpartName, disabledReason, onPicked,
}: {
  control: Control<T, unknown, unknown>;
  name: FieldPath<T>;
  label: string;
  /** Stable id of the field within its form, for test ids (`secret-field` `data-field`). */
  field: string;
  required?: boolean;
  certificateRole?: CertificateRole;
  /** The certificate that goes with a private key (so the key can be checked against it). */
  counterpartName?: FieldPath<T>;
  disabledReason: string | null;
  onPicked?: () => void;
}) {
  const { field: bound, fieldState } = useController({ control, name });
  const counterpart = useWatch({ control, name: counterpartName ?? name, disabled: !counterpartName });
  return (
    <SecretField
      label={label}
      field={field}
      required={required}
      value={(bound.value as SecretReference | null | undefined) ?? null}
      onChange={(value) => {
        bound.onChange(value);
        bound.onBlur();
        if (value) onPicked?.();
      }}
      disabledReason={disabledReason}
      error={firstErrorMessage(fieldState.error)}
      certificateRole={certificateRole}
      counterpart={counterpartName ? ((counterpart as SecretReference | null | undefined) ?? null) : undefined}
    />
  );
}
