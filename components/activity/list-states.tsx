import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";
import type { ApiProblem } from "@/lib/api/client";

export function ActivityLoading() {
  return <ListLoading testId="activity" label="Loading activity…" rows={5} columns={6} />;
}

/** An empty page: the log has nothing yet, or nothing passes the filters the reader applied. */
export function ActivityEmpty({ filtered }: { filtered: boolean }) {
  return (
    <ListEmpty testId="activity" title={filtered ? "No activity matches these filters" : "No changes have been made through the portal yet"}>
      Every create, edit, delete and sync made through the portal is recorded here.
    </ListEmpty>
  );
}

export function ActivityError(props: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  return <ListError testId="activity" what="the activity" {...props} />;
}
