import "server-only";
import type { AppError } from "@/server/errors";

/** An adapter's error mapping: what an SDK threw, for which operation on which object, as the portal's AppError. */
export type MapAdapterError<Operation> = (err: unknown, operation: Operation, name: string | undefined) => AppError;

/**
 * The adapters' one wrapper around an SDK call: `call(operation, name, run)` runs it, and whatever it throws leaves
 * as an AppError from the adapter's own mapping (which names the operation and the object in its message). Nothing
 * an SDK throws gets past an adapter unmapped.
 */
export function mappedCall<Operation>(mapError: MapAdapterError<Operation>) {
  return async function call<T>(operation: Operation, name: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw mapError(err, operation, name);
    }
  };
}
