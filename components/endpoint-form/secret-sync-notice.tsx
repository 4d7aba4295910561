import { Alert } from "@/components/ui/alert";

/** Whether the instance can sync secrets (it has a default SecretProviderClass), as the list and detail APIs say. */
export interface SecretSyncAvailability {
  enabled: boolean;
  reason: string | null;
}

/** Why the secret fields are disabled (the forms pass the same sentence to each field). */
export function secretSyncDisabledReason(secretSync: SecretSyncAvailability): string | null {
  if (secretSync.enabled) return null;
  return `Secret sync is not enabled on this instance${secretSync.reason ? `: ${secretSync.reason}` : ""}`;
}

/** Shown while the instance has no default SecretProviderClass: endpoints cannot get secret references. */
export function SecretSyncNotice({ secretSync, secretFields, testId }: {
  secretSync: SecretSyncAvailability;
  /** The fields that stay disabled, in words (e.g. "username, password, certificate and trust list fields"). */
  secretFields: string;
  testId: string;
}) {
  if (secretSync.enabled) return null;
  return (
    <Alert tone="warning" title="Secret sync is not enabled" data-testid={testId}>
      {secretSync.reason ?? "The instance has no default SecretProviderClass."} Endpoints can be saved without secrets;
      {" "}{secretFields} stay disabled until secret sync is enabled.
    </Alert>
  );
}
