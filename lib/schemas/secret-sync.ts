import { z } from "zod";
import { kubeLabels, kubeMetadata, kubeObjectName } from "@/lib/schemas/kube-metadata";

/**
 * A SecretSync (secret-sync.x-k8s.io/v1alpha1, domain.md §2): which objects of a SecretProviderClass fill which keys
 * of the Kubernetes Secret of the same name. The portal calls it a *synced secret*.
 */

/** `sourcePath`/`targetKey` pattern of the released CRD (a file name, optionally `/<n>` for version history). */
const dataKey = z.string()
  .min(1, "Enter a name")
  .max(253, "Use at most 253 characters")
  .regex(/^[A-Za-z0-9.]([-A-Za-z0-9]+([-._a-zA-Z0-9]?[A-Za-z0-9])*)?(\/([0-9]+))*$/,
    "Use letters, digits, dots, dashes and underscores");

export const secretSyncMapping = z.object({ sourcePath: dataKey, targetKey: dataKey });
export type SecretSyncMapping = z.infer<typeof secretSyncMapping>;

export const secretSyncCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  lastTransitionTime: z.string().nullable(),
  observedGeneration: z.number().int().nullable(),
});
export type SecretSyncCondition = z.infer<typeof secretSyncCondition>;

/** The fields the portal writes; anything else in the spec is kept as it is on an update. */
export const secretSyncSpecInput = z.object({
  secretProviderClassName: kubeObjectName,
  serviceAccountName: kubeObjectName,
  /** `Opaque` or `kubernetes.io/tls` (what ARM accepts). */
  secretType: z.string().min(1).max(253).default("Opaque"),
  data: z.array(secretSyncMapping).min(1, "Map at least one secret")
    .refine((d) => new Set(d.map((m) => m.targetKey)).size === d.length, "Each key may appear once"),
  forceSynchronization: z.string().max(253)
    .regex(/^[A-Za-z0-9]([-A-Za-z0-9]+([-._a-zA-Z0-9]?[A-Za-z0-9])*)?$/, "Use letters, digits, dots and dashes")
    .optional(),
  /** Labels and annotations of the generated Secret. */
  secretLabels: kubeLabels.optional(),
  secretAnnotations: z.record(z.string(), z.string()).optional(),
});
export type SecretSyncSpecInput = z.input<typeof secretSyncSpecInput>;
export type SecretSyncSpec = z.output<typeof secretSyncSpecInput>;

export const newSecretSyncInput = secretSyncSpecInput.extend({ name: kubeObjectName });
export type NewSecretSyncInput = z.input<typeof newSecretSyncInput>;
export type NewSecretSync = z.output<typeof newSecretSyncInput>;

export const secretSync = kubeMetadata.extend({
  /** Created by the portal (label `app.kubernetes.io/managed-by: ops-portal`): only those may be edited or deleted. */
  managedByPortal: z.boolean(),
  secretProviderClassName: z.string(),
  serviceAccountName: z.string(),
  secretType: z.string(),
  data: z.array(z.object({ sourcePath: z.string(), targetKey: z.string() })),
  forceSynchronization: z.string().nullable(),
  secretLabels: z.record(z.string(), z.string()),
  secretAnnotations: z.record(z.string(), z.string()),
  status: z.object({
    syncHash: z.string().nullable(),
    lastSuccessfulSyncTime: z.string().nullable(),
    conditions: z.array(secretSyncCondition),
  }),
});
export type SecretSync = z.infer<typeof secretSync>;
