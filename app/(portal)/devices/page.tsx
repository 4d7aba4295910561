import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { DevicesView } from "@/components/devices/devices-view";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Devices" };

export default function DevicesPage() {
  return (
    <>
      <PageHeader title="Devices">
        Devices and their inbound (asset) endpoints: where each one is reached, how it authenticates, and whether the
        synced secret holding its username/password or certificate references is in the cluster. Values are never shown.
      </PageHeader>
      <ReadOnlyNotice what="devices" />
      <DevicesView />
    </>
  );
}
