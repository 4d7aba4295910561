import "server-only";
import type { KubeMetadata } from "@/lib/schemas/kube-metadata";

/** The JSON the API server sends for any object: what the kind files read before reshaping to our types. */
export interface WireObject {
  apiVersion?: string;
  kind?: string;
  metadata: WireMetadata;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface WireMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | Date;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string }[];
  managedFields?: { manager?: string }[];
  [field: string]: unknown;
}

export function toMetadata(m: WireMetadata, namespace: string): KubeMetadata {
  return {
    name: m.name,
    namespace: m.namespace ?? namespace,
    uid: m.uid ?? "",
    resourceVersion: m.resourceVersion ?? "",
    generation: typeof m.generation === "number" ? m.generation : null,
    createdOn: iso(m.creationTimestamp),
    labels: { ...m.labels },
    annotations: { ...m.annotations },
    createdBy: typeof m.managedFields?.[0]?.manager === "string" && m.managedFields[0].manager !== ""
      ? m.managedFields[0].manager : null,
  };
}

export function iso(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return typeof v === "string" && v !== "" ? v : null;
}

export const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export const record = (v: unknown): Record<string, unknown> =>
  (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const stringRecord = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(v)).filter((e): e is [string, string] => typeof e[1] === "string"));
