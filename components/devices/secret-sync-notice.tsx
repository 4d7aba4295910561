import type { DeviceList } from "@/lib/schemas/device-api";
import { SecretSyncNotice } from "@/components/endpoint-form/secret-sync-notice";

/** The devices pages' notice that secret sync is off (their secret fields stay disabled meanwhile). */
export function DevicesSecretSyncNotice({ secretSync }: { secretSync: DeviceList["secretSync"] }) {
  return (
    <SecretSyncNotice secretSync={secretSync} testId="devices-secret-sync-disabled"
      secretFields="username, password, certificate and trust list fields" />
  );
}
