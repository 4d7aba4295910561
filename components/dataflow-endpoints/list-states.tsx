import type { ApiProblem } from "@/lib/api/client";
import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";
import { CreateEndpointLink } from "./create-endpoint-link";

export function EndpointsLoading() {
  return <ListLoading testId="dataflow-endpoints" label="Loading data flow endpoints…" rows={4} columns={6} />;
}

export function EndpointsEmpty({ canOperate }: { canOperate: boolean }) {
  return (
    <ListEmpty testId="dataflow-endpoints" title="No data flow endpoints yet">
      A data flow endpoint is where data flows read from or write to: a broker, an Azure service or local storage.
      {canOperate ? <span className="mt-4 block"><CreateEndpointLink /></span> : null}
    </ListEmpty>
  );
}

export function EndpointsNoMatch({ term }: { term: string }) {
  return (
    <ListEmpty testId="dataflow-endpoints-no-match" title={`No endpoints match “${term}”`}>
      The search looks at endpoint names, types, hosts, authentication methods and synced secret names.
    </ListEmpty>
  );
}

export function EndpointsError(props: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  return <ListError testId="dataflow-endpoints" what="the data flow endpoints" {...props} />;
}
