"use client";

import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { DeviceSecretField as SecretFieldName } from "@/lib/schemas/device-form";
import { FormSecretField } from "@/components/endpoint-form/form-secret-field";
import { useDeviceFormContext } from "./form-context";

type SecretPath =
  | `endpoints.${number}.trustList`
  | `endpoints.${number}.authentication.username`
  | `endpoints.${number}.authentication.password`
  | `endpoints.${number}.authentication.certificate`
  | `endpoints.${number}.authentication.key`
  | `endpoints.${number}.authentication.intermediateCertificates`;

/**
 * One secret field of an endpoint, bound to the device form. The reference (and a new secret's value) lives only in
 * the form's state; `onPicked` lets the endpoint fill its synced secret name when the first reference arrives.
 */
export function DeviceSecretField({ name, label, field, required = false, certificateRole, counterpartName, disabledReason, onPicked }: {
  name: SecretPath;
  label: string;
  field: SecretFieldName;
  required?: boolean;
  certificateRole?: CertificateRole;
  /** The certificate that goes with a private key (so the key can be checked against it). */
  counterpartName?: SecretPath;
  disabledReason: string | null;
  onPicked?: () => void;
}) {
  const { control } = useDeviceFormContext();
  return (
    <div data-testid="device-secret-field" data-field={field} data-path={name}>
      <FormSecretField control={control} name={name} label={label} field={field} required={required} certificateRole={certificateRole}
        counterpartName={counterpartName} disabledReason={disabledReason} onPicked={onPicked} />
    </div>
  );
}
