import { queryOptions } from "@tanstack/react-query";
import { getDevice, getDeviceDeletePlan, listDevices } from "@/lib/api/devices";
import type { EndpointSyncState } from "@/lib/schemas/device-api";

/** Keys hold device names only: never a form value (the save's values travel outside TanStack's caches). */
export const deviceKeys = {
  all: ["devices"] as const,
  list: () => [...deviceKeys.all, "list"] as const,
  detail: (name: string) => [...deviceKeys.all, "detail", name] as const,
  deletePlan: (name: string) => [...deviceKeys.all, "delete-plan", name] as const,
};

/** While a synced secret is syncing (just saved), follow it closely; otherwise look now and then. */
export const SYNCING_REFRESH_MS = 2_000;
export const IDLE_REFRESH_MS = 30_000;

export function anySyncing(states: readonly (EndpointSyncState | null)[]): boolean {
  return states.some((s) => s?.state === "syncing");
}

export const devicesQuery = () =>
  queryOptions({
    queryKey: deviceKeys.list(),
    queryFn: ({ signal }) => listDevices(signal),
    refetchInterval: (query) =>
      anySyncing(query.state.data?.items.map((r) => r.sync) ?? []) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS,
  });

export const deviceQuery = (name: string) =>
  queryOptions({
    queryKey: deviceKeys.detail(name),
    queryFn: ({ signal }) => getDevice(name, signal),
    refetchInterval: (query) =>
      anySyncing(query.state.data?.endpoints.map((e) => e.sync) ?? []) ? SYNCING_REFRESH_MS : IDLE_REFRESH_MS,
  });

/** The delete dialog's plan: asked fresh each time the dialog opens (another device may have started using a secret). */
export const deviceDeletePlanQuery = (name: string) =>
  queryOptions({
    queryKey: deviceKeys.deletePlan(name),
    queryFn: ({ signal }) => getDeviceDeletePlan(name, signal),
    staleTime: 0,
    gcTime: 0,
  });
