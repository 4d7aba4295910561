"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { rotateSyncedSecretSource } from "@/lib/api/synced-secrets";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import type { RotateSecretInput } from "@/lib/schemas/synced-secret-rotate";

/**
 * *Rotate*'s request. The input holds the new value, so it never becomes the mutation's variables (TanStack keeps
 * those in its mutation cache): `mutate()` is called with none, and the request reads the input from a ref set just
 * before and emptied as soon as the request is over. The answer holds no value.
 */
export function useRotate(name: string, handlers: { onRotated: () => void }) {
  const pending = useRef<RotateSecretInput | null>(null);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => {
      const input = pending.current;
      if (input === null) return Promise.reject(new Error("There is nothing to rotate: enter the value again."));
      return rotateSyncedSecretSource(name, input);
    },
    onSettled: () => {
      pending.current = null;
    },
    // Every synced secret the rotation asked to sync changes state: the live stream brings it, this makes sure.
    onSuccess: async () => {
      handlers.onRotated();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: syncedSecretKeys.list() }),
        queryClient.invalidateQueries({ queryKey: syncedSecretKeys.details() }),
      ]);
    },
  });
  return {
    mutation,
    rotate: (input: RotateSecretInput) => {
      pending.current = input;
      mutation.mutate();
    },
  };
}
