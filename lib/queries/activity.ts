import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { listActivity, type ActivityFilters } from "@/lib/api/activity";

export const activityKeys = {
  all: ["activity"] as const,
  lists: () => [...activityKeys.all, "list"] as const,
  list: (filters: ActivityFilters) => [...activityKeys.lists(), { ...filters }] as const,
};

export const activityQuery = (filters: ActivityFilters) =>
  queryOptions({
    queryKey: activityKeys.list(filters),
    queryFn: ({ signal }) => listActivity(filters, signal),
    placeholderData: keepPreviousData,
    // The log grows while people work: a visible page stays fresh without a reload.
    staleTime: 5_000,
  });
