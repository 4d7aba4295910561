import type { DeviceList } from "@/lib/schemas/device-api";
import { Alert } from "@/components/ui/alert";

/** Why the secret fields are disabled (the forms pass the same sentence to each field). */
export function secretSyncDisabledReason(secretSync: DeviceList["secretSync"]): string | null {
  if (secretSync.enabled) return null;
  return `Secret sync is not enabled on this instance${secretSync.reason ? `: ${secretSync.reason}` : ""}`;
}

/** Shown while the instance has no default SecretProviderClass: endpoints cannot get secret references. */
export function SecretSyncNotice({ secretSync }: { secretSync: DeviceList["secretSync"] }) {
  if (secretSync.enabled) return null;
  return (
    <Alert tone="warning" title="Secret sync is not enabled" data-testid="devices-secret-sync-disabled">
      {secretSync.reason ?? "The instance has no default SecretProviderClass."} Endpoints can be saved without secrets;
      username, password, certificate and trust list fields stay disabled until secret sync is enabled.
    </Alert>
  );
}
