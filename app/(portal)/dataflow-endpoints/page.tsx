import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { EndpointsView } from "@/components/dataflow-endpoints/endpoints-view";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Data flow endpoints" };

export default function DataflowEndpointsPage() {
  return (
    <>
      <PageHeader title="Data flow endpoints">
        The endpoints data flows read from and write to: where each one is, how it authenticates, and whether the
        synced secret holding its SASL password, certificate or SAS token is in the cluster. Values are never shown.
      </PageHeader>
      <ReadOnlyNotice what="data flow endpoints" />
      <EndpointsView />
    </>
  );
}
