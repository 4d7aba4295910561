"use client";

import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { DataflowSecretField } from "@/lib/schemas/dataflow-endpoint-form";
import { FormSecretField } from "@/components/endpoint-form/form-secret-field";
import { useEndpointFormContext } from "./form-context";

/**
 * One secret field of the endpoint's authentication (*Add reference*), bound to the form. The reference (and a new
 * secret's value) lives only in the form's state; `onPicked` fills the synced secret name when it is still empty.
 */
export function EndpointSecretField({ field, label, required = false, certificateRole, counterpart, disabledReason, onPicked }: {
  field: DataflowSecretField;
  label: string;
  required?: boolean;
  certificateRole?: CertificateRole;
  /** The certificate that goes with a private key (so the key can be checked against it). */
  counterpart?: DataflowSecretField;
  disabledReason: string | null;
  onPicked: () => void;
}) {
  const { control } = useEndpointFormContext();
  return (
    <div data-testid="dataflow-endpoint-secret-field" data-field={field}>
      <FormSecretField control={control} name={`authentication.${field}`} label={label} field={field} required={required}
        certificateRole={certificateRole} counterpartName={counterpart ? `authentication.${counterpart}` : undefined}
        disabledReason={disabledReason} onPicked={onPicked} />
    </div>
  );
}
