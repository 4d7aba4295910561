"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { activityQuery } from "@/lib/queries/activity";
import { isUnfiltered, type ActivityFilter } from "@/lib/schemas/audit";
import { ActivityFilterForm } from "./activity-filter-form";
import { ActivityTable } from "./activity-table";
import { ActivityEmpty, ActivityError, ActivityLoading } from "./list-states";

const PAGE_SIZE = 50;

/** The audit log with filters and Newer/Older paging (the API pages newest first with a forward cursor). */
export function ActivityView() {
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [cursors, setCursors] = useState<string[]>([""]); // cursor of each page seen, for "Newer"
  const cursor = cursors[cursors.length - 1]!;
  const { data, error, isPending, isError, isPlaceholderData, refetch, isFetching } =
    useQuery(activityQuery(filter, { cursor, pageSize: PAGE_SIZE }));

  const apply = (f: ActivityFilter) => {
    setFilter(f);
    setCursors([""]);
  };
  const retry = () => void refetch();

  return (
    <>
      <ActivityFilterForm onApply={apply} />
      {isPending ? (
        <ActivityLoading />
      ) : !data ? (
        <ActivityError problem={error} onRetry={retry} retrying={isFetching} />
      ) : (
        <>
          {/* A background refresh failed: keep the rows, but say they may be out of date. */}
          {isError ? <ActivityError problem={error} onRetry={retry} retrying={isFetching} /> : null}
          {data.items.length === 0 ? (
            <ActivityEmpty filtered={!isUnfiltered(filter)} />
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
      )}
    </>
  );
}
