"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef } from "react";

/**
 * Review (`?dryRun=All`) and Save of a form whose values may hold new secret values. Those never become mutation
 * variables (TanStack keeps those in its mutation cache): `mutate()` is called with none, and the request reads the
 * values from a ref set just before and emptied when the request is over.
 *
 * One save keeps one idempotency key across its retries (the server finishes a half-done save when it sees the key
 * again); a successful save starts a new one.
 */
export function useSecretFormSave<Values, Result>(
  /** Sends the values (a review when `dryRun`), with the save's idempotency key. */
  send: (values: Values, o: { idempotencyKey: string; dryRun: boolean }) => Promise<Result>,
  handlers: {
    onSaved: (result: Result, values: Values) => void | Promise<void>;
    /** A refused or failed review or save (e.g. to put a 400's field messages next to the fields). */
    onError: (error: Error) => void;
  },
) {
  const pending = useRef<Values | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  const request = (dryRun: boolean): Promise<Result> => {
    const values = pending.current;
    if (values === null) return Promise.reject(new Error("There is nothing to save: submit the form again."));
    return send(values, { idempotencyKey: (idempotencyKey.current ??= crypto.randomUUID()), dryRun });
  };
  const forget = () => {
    pending.current = null;
  };

  const review = useMutation({ mutationFn: () => request(true), onError: (e) => handlers.onError(e), onSettled: forget });
  const save = useMutation({
    mutationFn: () => request(false),
    onSuccess: async (result) => {
      const values = pending.current;
      idempotencyKey.current = null;
      if (values !== null) await handlers.onSaved(result, values);
    },
    onError: (e) => handlers.onError(e),
    onSettled: forget,
  });

  return {
    review,
    save,
    /** Asks for the plan of saving these values (writes nothing). */
    startReview: (values: Values) => {
      save.reset();
      pending.current = values;
      review.mutate();
    },
    /** Saves these values (from the form, or from the review's Save: the review's plan stays on screen meanwhile). */
    startSave: (values: Values) => {
      pending.current = values;
      save.mutate();
    },
  };
}
