import "server-only";
import { AppError } from "@/server/errors";

/**
 * A save writes in three steps after its reads (docs/endpoint-secrets.md); a failure says where it stopped, so
 * the operator knows what is already written, and that the same request again finishes the job (it recognises
 * its own writes by the idempotency key).
 */
export const SAVE_STEPS = {
  1: "writing the Key Vault secrets and the SecretProviderClass",
  2: "writing the Device",
  3: "writing the SecretSyncs",
} as const;

export const DELETE_STEPS = {
  1: "deleting the Device",
  2: "deleting the synced secrets",
  3: "cleaning up the SecretProviderClass",
} as const;

/** Errors a repeat of the same request cannot fix (someone else changed the object): no "submit again". */
const final = new WeakSet<AppError>();

export function finalError(err: AppError): AppError {
  final.add(err);
  return err;
}

export async function atStep<T>(o: { operation: "Saving" | "Deleting"; step: 1 | 2 | 3; what: string; then?: string },
  run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw stoppedAt(err, o);
  }
}

export function stoppedAt(err: unknown, o: { operation: "Saving" | "Deleting"; step: 1 | 2 | 3; what: string; then?: string }): AppError {
  let e: AppError;
  if (err instanceof AppError) e = err;
  else {
    // Kept as the cause, so the server log still has what happened (the answer never shows it).
    e = Object.assign(new AppError("internal", "The portal hit an unexpected error. Quote the request id to an administrator."),
      { cause: err });
  }
  const detail = e.detail.replace(/\.\s*$/, "");
  const then = final.has(e) ? "." : `; ${o.then ?? "submit again to finish"}.`;
  return Object.assign(new AppError(e.kind, `${o.operation} stopped at step ${o.step} of 3 (${o.what}): ${detail}${then}`, {
    errors: e.errors, upstream: e.upstream, retryAfterSeconds: e.retryAfterSeconds,
  }), { cause: e.cause ?? e });
}
