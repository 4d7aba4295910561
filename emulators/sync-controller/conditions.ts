/**
 * The status conditions of the released secrets-store-sync-controller (v0.0.x, what the Secret Store extension is
 * built on; domain.md §2.2): types Create (until the first successful sync) and Update, the upstream reasons and
 * their fixed messages. A failure's message is followed by what went wrong (e.g. the Key Vault error code), so an
 * operator can act on it without the controller's logs.
 */
export const CONDITION_CREATE = "Create";
export const CONDITION_UPDATE = "Update";

export const REASONS = {
  CreateSucceeded: { status: "True", message: "Secret created successfully." },
  UpdateNoValueChangeSucceeded: { status: "True", message:
    "The secret was updated successfully at the end of the poll interval and no value change was detected." },
  UpdateValueChangeOrForceUpdateSucceeded: { status: "True", message:
    "The secret was updated successfully: a value change or a force update was detected." },
  ProviderError: { status: "False", message:
    "Secret creation failed due to provider error, check the logs or the events for more information." },
  InvalidClusterSecretLabelError: { status: "False", message:
    "The secret operation failed because a label reserved for the controller is applied on the secret." },
  InvalidClusterSecretAnnotationError: { status: "False", message:
    "The secret create failed because an annotation reserved for the controller is applied on the secret." },
  UnknownError: { status: "Unknown", message:
    "Secret patch failed due to unknown error, check the logs or the events for more information." },
  ControllerInternalError: { status: "Unknown", message:
    "Secret update failed due to controller internal error, check the logs or the events for more information." },
  ControllerSPCError: { status: "False", message:
    "Secret update failed because the controller could not retrieve the Secret Provider Class or the SPC is " +
    "misconfigured. Check the logs or the events for more information." },
  UserInputValidationFailed: { status: "False", message:
    "Secret create or update failed due to SecretProviderClass or SecretSync error, check the logs or the events " +
    "for more information." },
} as const;

export type Reason = keyof typeof REASONS;
export type FailureReason = Exclude<Reason, "CreateSucceeded" | "UpdateNoValueChangeSucceeded" | "UpdateValueChangeOrForceUpdateSucceeded">;

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** A failed sync: the condition reason and what went wrong (never a secret value). */
export class SyncFailure extends Error {
  constructor(readonly reason: FailureReason, readonly detail: string) {
    super(`${reason}: ${detail}`);
  }
}

/** Whether a condition records a failure the controller must retry even when nothing changed (upstream's list). */
export function isFailed(c: Condition): boolean {
  return c.reason in REASONS && REASONS[c.reason as Reason].status !== "True";
}

/**
 * meta.SetStatusCondition: replaces the condition of that type; `lastTransitionTime` moves only when the status
 * changes. Returns a new list (conditions of other types kept, in order).
 */
export function setCondition(conditions: readonly Condition[], type: string, reason: Reason, o: {
  detail?: string; generation?: number; now: string;
}): Condition[] {
  const spec = REASONS[reason];
  const message = o.detail ? `${spec.message} ${o.detail}` : spec.message;
  const existing = conditions.find((c) => c.type === type);
  const next: Condition = {
    type, status: spec.status, reason, message: message.slice(0, 32_768),
    lastTransitionTime: existing && existing.status === spec.status ? existing.lastTransitionTime : o.now,
    ...(o.generation !== undefined ? { observedGeneration: o.generation } : {}),
  };
  return existing ? conditions.map((c) => (c.type === type ? next : c)) : [...conditions, next];
}
