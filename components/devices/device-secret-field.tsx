"use client";

import { useController, useWatch } from "react-hook-form";
import type { DeviceSecretField as SecretFieldName } from "@/lib/schemas/device-form";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { SecretField } from "@/components/secret-reference/secret-field";
import { useDeviceFormContext } from "./form-context";
import { firstErrorMessage } from "./form-errors";

type SecretPath =
  | `endpoints.${number}.trustList`
  | `endpoints.${number}.authentication.username`
  | `endpoints.${number}.authentication.password`
  | `endpoints.${number}.authentication.certificate`
  | `endpoints.${number}.authentication.key`
  | `endpoints.${number}.authentication.intermediateCertificates`;

/**
 * One secret field of an endpoint, bound to the form. The reference (and a new secret's value) lives only in the
 * form's state; `onPicked` lets the endpoint fill its synced secret name when the first reference arrives.
 */
export function DeviceSecretField({ name, label, field, required = false, certificateRole, counterpartName, disabledReason, onPicked }: {
  name: SecretPath;
  label: string;
  field: SecretFieldName;
  required?: boolean;
  certificateRole?: "certificate" | "key" | "intermediate" | "trustList";
  /** The certificate that goes with a private key (so the key can be checked against it). */
  counterpartName?: SecretPath;
  disabledReason: string | null;
  onPicked?: () => void;
}) {
  const { control } = useDeviceFormContext();
  const { field: bound, fieldState } = useController({ control, name });
  const counterpart = useWatch({ control, name: counterpartName ?? name, disabled: !counterpartName });
  return (
    <div data-testid="device-secret-field" data-field={field} data-path={name}>
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
    </div>
  );
}
