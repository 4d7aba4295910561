"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { activityQuery } from "@/lib/queries/activity";
import { ActivityFiltersForm, NO_FILTERS, type FilterValues } from "./activity-filters";
import { ActivityTable } from "./activity-table";

const PAGE_SIZE = 50;

/** The audit log with filters and Newer/Older paging (the API pages newest first with a forward cursor). */
export function ActivityView() {
  const [filters, setFilters] = useState<FilterValues>(NO_FILTERS);
  const [cursors, setCursors] = useState<string[]>([""]); // cursor of each page seen, for "Newer"
  const cursor = cursors[cursors.length - 1]!;
  const { data, error, isPending, isPlaceholderData, refetch, isFetching } =
    useQuery(activityQuery({ ...filters, cursor, pageSize: PAGE_SIZE }));

  const apply = (f: FilterValues) => {
    setFilters(f);
    setCursors([""]);
  };

  return (
    <>
      <ActivityFiltersForm onApply={apply} />
      {isPending ? (
        <div role="status" data-testid="activity-loading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <span className="sr-only">Loading activity…</span>
          {Array.from({ length: 5 }, (_, i) => <Skeleton key={i} />)}
        </div>
      ) : error && !data ? (
        <Alert tone="danger" role="alert" title="Could not load the activity" data-testid="activity-error">
          <p>{error.message}</p>
          <Button variant="primary" className="mt-3" onClick={() => refetch()} disabled={isFetching}>Retry</Button>
        </Alert>
      ) : data.items.length === 0 ? (
        <div data-testid="activity-empty" className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="font-semibold text-slate-900">
            {filters === NO_FILTERS && cursor === "" ? "No changes have been made through the portal yet" : "No activity matches these filters"}
          </p>
          <p className="mt-1 text-sm text-slate-700">Every create, edit, delete and sync made through the portal is recorded here.</p>
        </div>
      ) : (
        <>
          <ActivityTable items={data.items} busy={isPlaceholderData} />
          <nav aria-label="Pages" className="flex justify-end gap-2 py-3">
            <Button disabled={cursors.length === 1 || isFetching} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="activity-newer">
              ← Newer
            </Button>
            <Button disabled={!data.nextCursor || isFetching} onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])} data-testid="activity-older">
              Older →
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
