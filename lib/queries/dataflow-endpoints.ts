import { queryOptions } from "@tanstack/react-query";
import { getDataflowEndpoint, getDataflowEndpointDeletePlan, listDataflowEndpoints } from "@/lib/api/dataflow-endpoints";
import { anySyncing, IDLE_REFRESH_MS, SYNCING_REFRESH_MS } from "@/lib/queries/devices";

/** Keys hold endpoint names only: never a form value (the save's values travel outside TanStack's caches). */
export const dataflowEndpointKeys = {
  all: ["dataflow-endpoints"] as const,
  list: () => [...dataflowEndpointKeys.all, "list"] as const,
  detail: (name: string) => [...dataflowEndpointKeys.all, "detail", name] as const,
  deletePlan: (name: string) => [...dataflowEndpointKeys.all, "delete-plan", name] as const,
};

/** Followed every 2 s while a synced secret syncs (just saved), every 30 s otherwise, as on the devices pages. */
export const dataflowEndpointsQuery = () =>
  queryOptions({
    queryKey: dataflowEndpointKeys.list(),
    queryFn: ({ signal }) => listDataflowEndpoints(signal),
    refetchInterval: (query) =>
      anySyncing(query.state.data?.items.map((r) => r.sync) ?? []) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS,
  });

export const dataflowEndpointQuery = (name: string) =>
  queryOptions({
    queryKey: dataflowEndpointKeys.detail(name),
    queryFn: ({ signal }) => getDataflowEndpoint(name, signal),
    refetchInterval: (query) => anySyncing([query.state.data?.sync ?? null]) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS,
  });

/** The delete dialog's plan: asked fresh each time the dialog opens (another endpoint may have started using the secret). */
export const dataflowEndpointDeletePlanQuery = (name: string) =>
  queryOptions({
    queryKey: dataflowEndpointKeys.deletePlan(name),
    queryFn: ({ signal }) => getDataflowEndpointDeletePlan(name, signal),
    staleTime: 0,
    gcTime: 0,
  });
