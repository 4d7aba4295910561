import { queryOptions } from "@tanstack/react-query";
import { getInstance } from "@/lib/api/instance";

export const instanceKeys = {
  all: ["instance"] as const,
};

// The instance and its vault come from the server's configuration: they change only with a redeploy.
export const instanceQuery = () =>
  queryOptions({ queryKey: instanceKeys.all, queryFn: ({ signal }) => getInstance(signal), staleTime: Infinity });
