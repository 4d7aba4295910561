import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { DeviceEdit } from "@/components/devices/device-edit";
import { PageHeader } from "@/components/shell/page-header";

type Params = { params: Promise<{ name: string }> };

/** The segment as typed; a malformed escape is left as it is (no device has such a name: the page says so). */
function deviceName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: `Device ${deviceName(name)}` };
}

export default async function DevicePage({ params }: Params) {
  const name = deviceName((await params).name);
  return (
    <>
      <PageHeader title={`Device ${name}`}>
        The device&apos;s inbound endpoints, how they authenticate, and whether their synced secrets are in the cluster.
      </PageHeader>
      <ReadOnlyNotice what="devices" />
      <DeviceEdit key={name} name={name} />
    </>
  );
}
