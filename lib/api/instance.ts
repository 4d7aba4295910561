import { instance, type Instance } from "@/lib/schemas/instance";
import { apiFetch } from "./client";

export function getInstance(signal?: AbortSignal): Promise<Instance> {
  return apiFetch("/api/instance", (json) => instance.parse(json), { signal });
}
