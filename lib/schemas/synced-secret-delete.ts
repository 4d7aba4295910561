import { z } from "zod";
import { kubeObjectName } from "@/lib/schemas/kube-metadata";
import { syncedSecretCreator, syncedSecretUser } from "@/lib/schemas/synced-secret-list";

/**
 * Deleting synced secrets from the Secrets page: `DELETE /api/synced-secrets/{name}` (204; `?dryRun=All` answers
 * the plan) and the bulk `DELETE /api/synced-secrets` with `{ names }` (answer per name; `?dryRun=All` too).
 *
 * Refusals: 403 for a system synced secret; 409 while a device or data flow endpoint references it (the problem's
 * `references` list them, to link); 404 when it does not exist (a retry after a delete that went through).
 */

/** `?dryRun=All`: what would go and what stays. */
export const syncedSecretDeletePlan = z.object({
  name: z.string(),
  createdBy: syncedSecretCreator,
  /** Why it cannot be deleted now (403 system, 409 in use), or null. */
  refusal: z.object({ status: z.union([z.literal(403), z.literal(409)]), detail: z.string() }).nullable(),
  /** Devices and data flow endpoints that reference it (a delete is refused while there is any). */
  usedBy: z.array(syncedSecretUser),
  goes: z.object({
    secretSync: z.string(),
    /** The Kubernetes Secret of the same name, removed by garbage collection with its SecretSync. */
    kubernetesSecret: z.object({ name: z.string(), exists: z.boolean() }),
    /** Objects of the default SecretProviderClass no other SecretSync maps: removed once the grace period has
     * passed without a new user (by the next save or delete after `removableAfter`). */
    secretProviderClassObjects: z.array(z.object({
      fileName: z.string(),
      keyVaultSecretName: z.string(),
      removableAfter: z.string(),
    })),
  }),
  stays: z.object({
    /** Key Vault secrets are never deleted by the portal. */
    keyVaultSecrets: z.array(z.string()),
    /** SPC objects other SecretSyncs still map (or that belong to another class). */
    secretProviderClassObjects: z.array(z.object({ fileName: z.string(), usedBy: z.array(z.string()) })),
  }),
});
export type SyncedSecretDeletePlan = z.infer<typeof syncedSecretDeletePlan>;

export const syncedSecretDeleteQuery = z.object({
  dryRun: z.literal("All", { message: "Use dryRun=All" }).optional(),
});

/** Bulk delete body. */
export const syncedSecretBulkDeleteBody = z.object({
  names: z.array(kubeObjectName).min(1, "Name at least one synced secret").max(100, "Delete at most 100 at once")
    .refine((n) => new Set(n).size === n.length, "Each name may appear once"),
});
export type SyncedSecretBulkDeleteBody = z.infer<typeof syncedSecretBulkDeleteBody>;

/** One name's answer: as the single DELETE would have answered it. */
export const syncedSecretBulkDeleteItem = z.object({
  name: z.string(),
  /** 204 deleted (200 for a dry run that may go ahead), 403, 404, 409, or the upstream failure's status. */
  status: z.number().int(),
  outcome: z.enum(["deleted", "would-delete", "refused", "in-use", "not-found", "failed"]),
  detail: z.string().nullable(),
  usedBy: z.array(syncedSecretUser),
  /** With `?dryRun=All`: the plan (null when it does not exist). */
  plan: syncedSecretDeletePlan.nullable(),
});
export type SyncedSecretBulkDeleteItem = z.infer<typeof syncedSecretBulkDeleteItem>;

export const syncedSecretBulkDeleteResult = z.object({
  dryRun: z.boolean(),
  items: z.array(syncedSecretBulkDeleteItem),
});
export type SyncedSecretBulkDeleteResult = z.infer<typeof syncedSecretBulkDeleteResult>;
