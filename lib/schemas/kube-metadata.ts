import { z } from "zod";

/**
 * What the portal shows of any cluster object's metadata. `resourceVersion` is the optimistic-concurrency token:
 * an edit form sends it back so a save over someone else's change is refused instead of silently overwriting it.
 */
export const kubeMetadata = z.object({
  name: z.string(),
  namespace: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
  /** Bumped by the API server on spec changes only; null for kinds without one (Secret). */
  generation: z.number().int().nullable(),
  /** ISO date. */
  createdOn: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /**
   * The object's annotations (e.g. the portal's `ops-portal.azure.com/*`, lib/schemas/portal-annotations.ts). The
   * server's cluster reads always set it; optional so values built by hand (tests, older callers) need not.
   */
  annotations: z.record(z.string(), z.string()).optional(),
  /**
   * Who made the object, as far as the API server tells: the field manager of its first `managedFields` entry
   * (the creating client's, unless another manager took over every field since). Null when there is none.
   */
  createdBy: z.string().nullable().optional(),
});
export type KubeMetadata = z.infer<typeof kubeMetadata>;

/** Kubernetes object names (DNS-1123 subdomain): SecretSyncs, SecretProviderClasses, Secrets, service accounts. */
export const kubeObjectName = z.string()
  .min(1, "Enter a name")
  .max(253, "Use at most 253 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "Use lowercase letters, digits, dashes and dots, starting and ending with a letter or digit");

/** Label values (and the name part of keys): at most 63 characters. */
export const kubeLabels = z.record(z.string(), z.string().max(63, "Use at most 63 characters"));
