"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { deleteSyncedSecrets } from "@/lib/api/synced-secrets";
import { isApiProblem } from "@/lib/api/client";
import { deletePlanQuery, syncedSecretKeys, updateCachedRows } from "@/lib/queries/synced-secrets";
import type { SyncedSecretBulkDeleteItem } from "@/lib/schemas/synced-secret-delete";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { DeletePlanItem } from "./delete-plan";

const isGone = (i: SyncedSecretBulkDeleteItem) => i.outcome === "deleted" || i.outcome === "not-found";

/**
 * Delete one synced secret or several, in a native modal `<dialog>` (focus trapped, Escape closes, focus back to the
 * opener). It opens on the plan — asked fresh from the server's dry run — so the operator sees what goes, what
 * stays and what is refused before anything happens; Delete then removes the ones the plan lets go. Mounted per
 * opening (the parent renders it while `names` is set), so nothing from an earlier opening shows again.
 */
export function DeleteDialog({ names, onClose, onGone }: {
  names: readonly string[];
  onClose: () => void;
  /** The names now gone from the cluster (deleted, or already gone), e.g. to drop them from the selection. */
  onGone: (names: readonly string[]) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const plan = useQuery(deletePlanQuery(names));
  const [results, setResults] = useState<ReadonlyMap<string, SyncedSecretBulkDeleteItem>>(new Map());
  const items = (plan.data ?? []).map((i) => results.get(i.name) ?? i);
  const deletable = items.filter((i) => i.outcome === "would-delete").map((i) => i.name);

  const mutation = useMutation({
    mutationFn: () => deleteSyncedSecrets(deletable),
    onSuccess: async (answers) => {
      const gone = answers.filter(isGone).map((i) => i.name);
      // No ghost rows: the gone ones leave the list at once, before the refetch confirms it.
      updateCachedRows(queryClient, (s) => (gone.includes(s.name) ? null : s));
      // A details page still open on one (deleted from there) is left alone: it navigates away, and a refetch
      // would only fetch a 404.
      for (const name of gone) queryClient.removeQueries({ queryKey: syncedSecretKeys.detail(name), type: "inactive" });
      onGone(gone);
      // Everything in the dialog gone: done. Otherwise it stays open on what was deleted and what was refused.
      if (items.every((i) => i.outcome === "not-found" || gone.includes(i.name))) dialog.current?.close();
      else setResults(new Map([...results, ...answers.map((a) => [a.name, a] as const)]));
      await queryClient.invalidateQueries({ queryKey: syncedSecretKeys.list() });
    },
  });

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    d.addEventListener("close", onClose);
    return () => d.removeEventListener("close", onClose);
  }, [onClose]);

  const title = names.length === 1 ? `Delete synced secret ${names[0]}?` : `Delete ${names.length} synced secrets?`;
  const error = mutation.error ?? plan.error;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="synced-secret-delete-title"
      data-testid="synced-secret-delete-dialog"
      className="m-auto max-h-[90vh] w-full max-w-2xl overflow-y-auto rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="synced-secret-delete-title" className="text-lg font-semibold [overflow-wrap:anywhere] text-slate-900">{title}</h2>
      <p className="mt-2">
        Deleting a synced secret removes it from the cluster: its SecretSync and the Kubernetes Secret made from it.
        The Key Vault secrets it copies stay in Key Vault.
      </p>
      {plan.isPending ? (
        <div role="status" className="mt-4 flex flex-col gap-2" data-testid="synced-secret-delete-plan-loading">
          <span className="sr-only">Working out what would be deleted…</span>
          <Skeleton /><Skeleton className="w-2/3" />
        </div>
      ) : (
        <ul className="mt-4 flex flex-col gap-3">
          {items.map((item) => <DeletePlanItem key={item.name} item={item} />)}
        </ul>
      )}
      {error ? (
        <Alert tone="danger" role="alert" className="mt-4" title={isApiProblem(error) ? error.title : "Delete failed"} data-testid="synced-secret-delete-error">
          {isApiProblem(error) ? error.detail : error.message}
          {mutation.error && (!isApiProblem(mutation.error) || mutation.error.status >= 500) ? (
            // Safe to say: a delete starts again from what the cluster holds, and one already gone counts as deleted.
            <p className="mt-2" data-testid="synced-secret-delete-retry">Press Delete to try again: a retry finishes what this attempt started.</p>
          ) : null}
        </Alert>
      ) : null}
      <div className="mt-6 flex flex-wrap items-center justify-end gap-2">
        {plan.data && deletable.length < items.length && deletable.length > 0 ? (
          <p className="mr-auto text-slate-700" data-testid="synced-secret-delete-partial">
            {deletable.length} of {items.length} can be deleted; the others stay.
          </p>
        ) : null}
        <Button autoFocus onClick={() => dialog.current?.close()} disabled={mutation.isPending}>
          {deletable.length === 0 && plan.data ? "Close" : "Cancel"}
        </Button>
        <Button
          variant="primary"
          className="bg-red-700 hover:bg-red-800"
          onClick={() => mutation.mutate()}
          disabled={mutation.isPending || deletable.length === 0}
          data-testid="synced-secret-delete-confirm"
        >
          {mutation.isPending ? "Deleting…" : deletable.length > 1 ? `Delete ${deletable.length}` : "Delete"}
        </Button>
      </div>
    </dialog>
  );
}
