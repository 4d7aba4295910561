import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { DeviceCreate } from "@/components/devices/device-create";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Create device" };

export default function NewDevicePage() {
  return (
    <>
      <PageHeader title="Create device">
        A device and its inbound endpoints. Secret fields take a Key Vault secret (picked, or created with the save);
        each endpoint&apos;s references are copied into the cluster by one synced secret.
      </PageHeader>
      <ReadOnlyNotice what="devices" />
      <DeviceCreate />
    </>
  );
}
