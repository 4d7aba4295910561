import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { EndpointCreate } from "@/components/dataflow-endpoints/endpoint-create";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Create data flow endpoint" };

export default function NewDataflowEndpointPage() {
  return (
    <>
      <PageHeader title="Create data flow endpoint">
        Choose the endpoint&apos;s type, then where it is and how it authenticates. Secret fields take a Key Vault
        secret (picked, or created with the save), copied into the cluster by one synced secret.
      </PageHeader>
      <ReadOnlyNotice what="data flow endpoints" />
      <EndpointCreate />
    </>
  );
}
