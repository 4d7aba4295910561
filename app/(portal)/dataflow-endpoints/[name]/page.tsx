import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { EndpointEdit } from "@/components/dataflow-endpoints/endpoint-edit";
import { PageHeader } from "@/components/shell/page-header";

type Params = { params: Promise<{ name: string }> };

/** The segment as typed; a malformed escape is left as it is (no endpoint has such a name: the page says so). */
function endpointName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: `Data flow endpoint ${endpointName(name)}` };
}

export default async function DataflowEndpointPage({ params }: Params) {
  const name = endpointName((await params).name);
  return (
    <>
      <PageHeader title={`Data flow endpoint ${name}`}>
        Where the endpoint is, how it authenticates, and whether its synced secret is in the cluster.
      </PageHeader>
      <ReadOnlyNotice what="data flow endpoints" />
      <EndpointEdit key={name} name={name} />
    </>
  );
}
