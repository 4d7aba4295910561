import "server-only";
import { randomInt } from "node:crypto";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SyncNowResult } from "@/lib/schemas/synced-secret-sync";
import type { KubeAdapter } from "@/server/adapters/kube";
import { AppError } from "@/server/errors";
import { systemOf } from "./rows";

export type SyncNowKube = { secretSyncs: Pick<KubeAdapter["secretSyncs"], "get" | "requestSync"> };

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A `forceSynchronization` token that is new every time and valid for the CRD's pattern (letters, digits, dots and
 * dashes; no colons, so no ISO time): the UTC time to the millisecond, compact, plus a random suffix for two clicks
 * in the same millisecond (two replicas, or a retry), e.g. `20261202T034501123Z-k3f9`.
 */
export function forceSynchronizationToken(at: Date, previous: string | null = null): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(".", "");
  for (;;) {
    const suffix = Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    const token = `${stamp}-${suffix}`;
    if (token !== previous) return token;
  }
}

/**
 * *Sync now*: writes a new `spec.forceSynchronization` (the controller syncs at once on the spec change) and the
 * `sync-requested-at` annotation (the page shows Syncing until the controller's answer is newer).
 *
 * Allowed on any synced secret but a system one, whoever made it: the rule that the portal edits only its own
 * SecretSyncs is about their keys, and asking for a sync changes none of them. A system one is refused (403): it
 * belongs to another component's SecretProviderClass, and the portal never touches it.
 */
export async function syncNow(kube: SyncNowKube, name: string, defaultSpcName: string | null, now: Date,
  read?: SecretSync): Promise<SyncNowResult> {
  const current = read ?? await kube.secretSyncs.get(name);
  const { system, systemReason } = systemOf(current, defaultSpcName);
  if (system) throw new AppError("forbidden", systemReason ?? `Synced secret '${name}' is a system synced secret.`);
  const forceSynchronization = forceSynchronizationToken(now, current.forceSynchronization);
  const syncRequestedAt = now.toISOString();
  const written = await kube.secretSyncs.requestSync(current,
    { forceSynchronization, annotations: { [SYNC_REQUESTED_AT_ANNOTATION]: syncRequestedAt } });
  return { name, forceSynchronization, syncRequestedAt, resourceVersion: written.resourceVersion };
}
