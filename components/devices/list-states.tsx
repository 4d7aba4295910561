import type { ApiProblem } from "@/lib/api/client";
import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";
import { CreateDeviceLink } from "./create-device-link";

export function DevicesLoading() {
  return <ListLoading testId="devices" label="Loading devices…" rows={4} columns={6} />;
}

export function DevicesEmpty({ canOperate }: { canOperate: boolean }) {
  return (
    <ListEmpty testId="devices" title="No devices yet">
      A device describes an asset&apos;s inbound endpoints: where to reach it and how to authenticate.
      {canOperate ? <span className="mt-4 block"><CreateDeviceLink /></span> : null}
    </ListEmpty>
  );
}

export function DevicesNoMatch({ term }: { term: string }) {
  return (
    <ListEmpty testId="devices-no-match" title={`No endpoints match “${term}”`}>
      The search looks at device and endpoint names, addresses, endpoint types and synced secret names.
    </ListEmpty>
  );
}

export function DevicesError(props: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  return <ListError testId="devices" what="the devices" {...props} />;
}
