"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { isApiProblem } from "@/lib/api/client";
import { deleteSyncedSecret } from "@/lib/api/synced-secrets";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The row's Delete button and its confirmation, a native modal `<dialog>`: the browser traps focus inside it, makes
 * the page behind inert, closes it on Escape and returns focus to the button that opened it.
 */
export function DeleteSyncedSecret({ secret }: { secret: SyncedSecret }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => deleteSyncedSecret(secret.name),
    onSuccess: async () => {
      dialog.current?.close();
      await queryClient.invalidateQueries({ queryKey: syncedSecretKeys.all });
    },
  });
  const { reset } = mutation;
  // A refusal from an earlier attempt is not shown again when the dialog reopens.
  useEffect(() => {
    const d = dialog.current;
    const onClose = () => reset();
    d?.addEventListener("close", onClose);
    return () => d?.removeEventListener("close", onClose);
  }, [reset]);

  const titleId = `delete-${secret.name}-title`;
  const error = mutation.error;
  return (
    <>
      <Button onClick={() => dialog.current?.showModal()} data-testid="synced-secret-delete" aria-label={`Delete ${secret.name}`}>
        Delete
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid="synced-secret-delete-dialog"
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Delete synced secret <span className="font-mono">{secret.name}</span>?
        </h2>
        <p className="mt-2">
          This removes the SecretSync from the cluster; the Kubernetes Secret it made is then removed by the cluster too.
          The Key Vault secrets it copies ({secret.references.map((r) => r.sourcePath).join(", ")}) stay in Key Vault.
        </p>
        {error ? (
          <Alert tone="danger" role="alert" className="mt-4" title={isApiProblem(error) ? error.title : "Delete failed"} data-testid="synced-secret-delete-error">
            {isApiProblem(error) ? error.detail : error.message}
          </Alert>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <Button autoFocus onClick={() => dialog.current?.close()} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" className="bg-red-700 hover:bg-red-800" onClick={() => mutation.mutate()} disabled={mutation.isPending} data-testid="synced-secret-delete-confirm">
            {mutation.isPending ? "Deleting…" : "Delete"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
