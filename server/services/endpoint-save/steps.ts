import "server-only";
import { AppError } from "@/server/errors";

/**
 * A save (of a Device or a DataflowEndpoint) writes in three steps after its reads (docs/endpoint-secrets.md); a
 * failure says where it stopped, so the operator knows what is already written, and that the same request again
 * finishes the job (it recognises its own writes by the idempotency key).
 */
export type StepNumber = 1 | 2 | 3;

/** The steps of a save of one kind of resource (`Device`, `DataflowEndpoint`), as a failure names them. */
export const saveSteps = (kind: string): Record<StepNumber, string> => ({
  1: "writing the Key Vault secrets and the SecretProviderClass",
  2: `writing the ${kind}`,
  3: "writing the SecretSyncs",
});

export const deleteSteps = (kind: string): Record<StepNumber, string> => ({
  1: `deleting the ${kind}`,
  2: "deleting the synced secrets",
  3: "cleaning up the SecretProviderClass",
});

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
