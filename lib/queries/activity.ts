import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { listActivity, type ActivityPageRequest } from "@/lib/api/activity";
import type { ActivityFilter } from "@/lib/schemas/audit";

export const activityKeys = {
  all: ["activity"] as const,
  lists: () => [...activityKeys.all, "list"] as const,
  list: (filter: ActivityFilter, page: ActivityPageRequest) => [...activityKeys.lists(), { ...filter }, { ...page }] as const,
};

export const activityQuery = (filter: ActivityFilter, page: ActivityPageRequest) =>
  queryOptions({
    queryKey: activityKeys.list(filter, page),
    queryFn: ({ signal }) => listActivity(filter, page, signal),
    placeholderData: keepPreviousData,
    // The log grows while people work: a visible page stays fresh without a reload.
    staleTime: 5_000,
  });
