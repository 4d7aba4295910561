import "server-only";
import type { EndpointSyncState } from "@/lib/schemas/device-api";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretSync, SecretSyncCondition } from "@/lib/schemas/secret-sync";

/**
 * The sync state of one SecretSync, as the devices pages show it (lib/schemas/device-api.ts `endpointSyncState`).
 *
 * The controller writes no observedGeneration (domain.md §2.3), so "has it answered my request yet?" is told by
 * time: the portal stamps `sync-requested-at` when it asks for a sync, and the controller's answer is a condition
 * transition or a `lastSuccessfulSyncTime` at or after that moment.
 */

/** How long a sync request may go unanswered before the page says so. */
export const SYNC_NO_ANSWER_SECONDS = 60;

/** The parts of a SecretSync the state depends on (annotations are optional: hand-built views may lack them). */
export type SyncStateSource = Pick<SecretSync, "status" | "createdOn"> & { annotations?: Record<string, string> };

export function syncStateOf(sync: SyncStateSource, now: Date): EndpointSyncState {
  const { status } = sync;
  const failing = failingCondition(status.conditions);
  if (failing) {
    return { state: "failed", reason: failing.reason, message: failing.message ?? failureInWords(failing),
      since: failing.lastTransitionTime, lastSuccessfulSyncTime: status.lastSuccessfulSyncTime };
  }
  const hasStatus = status.lastSuccessfulSyncTime !== null || status.conditions.length > 0;
  const requestedAt = validTime(sync.annotations?.[SYNC_REQUESTED_AT_ANNOTATION]);
  const answeredAt = newestStatusTime(status);
  // Kubernetes times have whole seconds: a sync answered within the second it was asked for carries that
  // second, so the request counts from the start of its second.
  const unanswered = requestedAt !== null && (answeredAt === null || wholeSecond(requestedAt) > answeredAt);
  if (!hasStatus || unanswered) {
    // A SecretSync the portal never asked about (made elsewhere) has waited since it was created.
    const waitingSince = requestedAt ?? validTime(sync.createdOn);
    const late = waitingSince !== null && now.getTime() - waitingSince.getTime() > SYNC_NO_ANSWER_SECONDS * 1000;
    return { state: "syncing", requestedAt: requestedAt?.toISOString() ?? null,
      noAnswerSince: late ? waitingSince.toISOString() : null, lastKnown: hasStatus ? "synced" : "none" };
  }
  return { state: "synced", lastSuccessfulSyncTime: status.lastSuccessfulSyncTime };
}

/** Any condition False or Unknown fails, whatever its type (types differ between controller releases); a False
 * one is named before an Unknown one, the newest first. */
function failingCondition(conditions: SecretSyncCondition[]): SecretSyncCondition | undefined {
  const failing = conditions.filter((c) => c.status === "False" || c.status === "Unknown");
  const rank = (c: SecretSyncCondition) => (c.status === "False" ? 0 : 1);
  return failing.sort((a, b) => rank(a) - rank(b) || timeOf(b.lastTransitionTime) - timeOf(a.lastTransitionTime))[0];
}

function newestStatusTime(status: SecretSync["status"]): number | null {
  const times = [status.lastSuccessfulSyncTime, ...status.conditions.map((c) => c.lastTransitionTime)]
    .map(validTime).filter((t): t is Date => t !== null).map((t) => t.getTime());
  return times.length > 0 ? Math.max(...times) : null;
}

/** Condition reasons of the released controller and of upstream main (domain.md §2.2), in words. */
const REASONS: Record<string, string> = {
  ProviderError: "The Key Vault provider could not fetch a secret (a missing, disabled or expired secret, or no access)",
  RemoteSecretStoreFetchFailed: "A secret could not be fetched from Key Vault",
  ControllerSPCError: "The SecretProviderClass is missing or misconfigured",
  ControllerSpcError: "The SecretProviderClass is missing or misconfigured",
  SecretProviderClassMisconfigured: "The SecretProviderClass is missing or misconfigured",
  UserInputValidationFailed: "A key names a file the SecretProviderClass does not provide, or the TLS data is not valid",
  InvalidClusterSecretLabelError: "A label of the Secret uses a reserved name",
  InvalidClusterSecretAnnotationError: "An annotation of the Secret uses a reserved name",
  ValidatingAdmissionPolicyCheckFailed: "An admission policy refused the Secret",
  UnknownError: "The controller could not write the Secret",
  ControllerPatchError: "The controller could not write the Secret",
  ControllerInternalError: "The sync controller failed internally",
  ControllerSyncError: "The sync controller could not sync the secret",
  NoUpdatesAttemptedYet: "The sync controller has not tried to sync it yet",
  SyncStarting: "The sync controller is starting to sync it",
};

function failureInWords(c: SecretSyncCondition): string {
  const known = c.reason ? REASONS[c.reason] : undefined;
  if (known) return known;
  const what = c.status === "Unknown" ? "is unknown" : "failed";
  return `Condition '${c.type || "unnamed"}' ${what}${c.reason ? ` (${c.reason})` : ""}`;
}

function validTime(v: string | null | undefined): Date | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
}

const timeOf = (v: string | null) => validTime(v)?.getTime() ?? 0;

const wholeSecond = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;
