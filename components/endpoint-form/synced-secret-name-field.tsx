import type { UseFormRegisterReturn } from "react-hook-form";
import { fieldIds, FormField, INPUT_CLASS } from "./form-field";

/**
 * The **Synced secret name**: the SecretSync (and Kubernetes Secret) that copies an endpoint's Key Vault secrets into
 * the cluster. The form fills in a default derived from the names; the operator may type another (e.g. to share one).
 */
export function SyncedSecretNameField({ id, registration, error, hint, testId }: {
  id: string;
  registration: UseFormRegisterReturn;
  error?: string;
  /** How the default is made, in words. */
  hint: string;
  testId: string;
}) {
  return (
    <FormField id={id} label="Synced secret name" hint={hint} error={error} testId={testId}>
      <input
        {...registration}
        {...fieldIds(id, { hint: true, error })}
        autoComplete="off"
        spellCheck={false}
        className={`${INPUT_CLASS} font-mono`}
        data-testid={testId}
      />
    </FormField>
  );
}
