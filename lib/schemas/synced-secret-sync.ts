import { z } from "zod";

/**
 * *Sync now* (`POST /api/synced-secrets/{name}/sync`, no body): sets the SecretSync's `spec.forceSynchronization`
 * to a new token (which makes the sync controller sync it at once) and the portal's `sync-requested-at` annotation
 * (which makes the page say Syncing until the controller answers).
 */
export const syncNowResult = z.object({
  name: z.string(),
  forceSynchronization: z.string(),
  /** ISO time the sync was asked for. */
  syncRequestedAt: z.string(),
  resourceVersion: z.string(),
});
export type SyncNowResult = z.infer<typeof syncNowResult>;
