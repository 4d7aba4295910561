"use client";

import { useMutation, useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { isApiProblem } from "@/lib/api/client";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

/** What the server offers to delete with a resource: its synced secrets, and which of them nothing else uses. */
export interface DeletePlan {
  syncedSecrets: readonly { name: string; deletable: boolean; reason: string | null }[];
}

/**
 * Delete and its confirmation (native modal `<dialog>`) for a resource whose secrets sit in synced secrets. Opening
 * it asks the server which of them nothing else uses; those may be deleted with it (unticked by default), the
 * others are listed with the reason. Key Vault secrets are never deleted.
 * Test ids: `<prefix>-delete`, `-delete-dialog`, `-delete-plan-loading`, `-delete-no-secrets`, `-delete-secrets`,
 * `-delete-secret` (data-name, data-deletable), `-delete-error`, `-delete-confirm`.
 */
export function DeleteDialog<Plan extends DeletePlan, Key extends QueryKey>({ what, name, consequence, planQuery, remove, listHref, detailKey, listKey, testIdPrefix }: {
  /** What is deleted, in words ("device", "data flow endpoint"). */
  what: string;
  name: string;
  /** What deleting it removes, in a sentence. */
  consequence: ReactNode;
  planQuery: UseQueryOptions<Plan, Error, Plan, Key>;
  remove: (deleteSyncedSecrets: string[]) => Promise<void>;
  /** Where to go once it is deleted. */
  listHref: string;
  detailKey: QueryKey;
  listKey: QueryKey;
  testIdPrefix: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const plan = useQuery({ ...planQuery, enabled: open });
  const mutation = useMutation({
    mutationFn: () => remove([...chosen]),
    onSuccess: async () => {
      dialog.current?.close();
      router.push(listHref);
      // It is gone: its detail must not be refetched under the page we are leaving, only marked stale.
      await queryClient.invalidateQueries({ queryKey: detailKey, refetchType: "none" });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: listKey }),
        queryClient.invalidateQueries({ queryKey: syncedSecretKeys.all }),
      ]);
    },
  });
  const { reset } = mutation;
  useEffect(() => {
    const d = dialog.current;
    const onClose = () => {
      setOpen(false);
      setChosen(new Set());
      reset();
    };
    d?.addEventListener("close", onClose);
    return () => d?.removeEventListener("close", onClose);
  }, [reset]);

  const toggle = (secret: string, on: boolean) => setChosen((prev) => {
    const next = new Set(prev);
    if (on) next.add(secret); else next.delete(secret);
    return next;
  });
  const error = mutation.error ?? plan.error;
  const p = testIdPrefix;
  const titleId = `${p}-delete-title`;

  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="border-red-300 text-red-800 hover:bg-red-50"
        data-testid={`${p}-delete`}
      >
        Delete {what}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid={`${p}-delete-dialog`}
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Delete {what} <span className="font-mono">{name}</span>?
        </h2>
        <p className="mt-2">{consequence} Key Vault secrets are never deleted.</p>
        {open && plan.isPending ? (
          <div role="status" className="mt-4 flex flex-col gap-2" data-testid={`${p}-delete-plan-loading`}>
            <span className="sr-only">Checking which synced secrets can go with it…</span>
            <Skeleton /><Skeleton className="w-2/3" />
          </div>
        ) : plan.data ? (
          plan.data.syncedSecrets.length === 0 ? (
            <p className="mt-4 text-slate-700" data-testid={`${p}-delete-no-secrets`}>The {what} uses no synced secrets.</p>
          ) : (
            <fieldset className="mt-4 flex flex-col gap-2" data-testid={`${p}-delete-secrets`}>
              <legend className="mb-1 font-medium text-slate-900">
                Also delete {plan.data.syncedSecrets.length === 1 ? "its synced secret" : "its synced secrets"}?
              </legend>
              {plan.data.syncedSecrets.map((s) => (
                <label key={s.name} className="flex items-start gap-2" data-testid={`${p}-delete-secret`} data-name={s.name} data-deletable={s.deletable}>
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    disabled={!s.deletable || mutation.isPending}
                    checked={chosen.has(s.name)}
                    onChange={(e) => toggle(s.name, e.target.checked)}
                  />
                  <span>
                    <span className="font-mono">{s.name}</span>
                    {!s.deletable && s.reason ? <span className="block text-xs text-slate-700">Kept: {s.reason}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
          )
        ) : null}
        {error ? (
          <Alert tone="danger" role="alert" className="mt-4" title={isApiProblem(error) ? error.title : "Delete failed"} data-testid={`${p}-delete-error`}>
            {isApiProblem(error) ? error.detail : error.message}
          </Alert>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <Button autoFocus onClick={() => dialog.current?.close()} disabled={mutation.isPending}>Cancel</Button>
          <Button
            variant="primary"
            className="bg-red-700 hover:bg-red-800"
            onClick={() => mutation.mutate()}
            disabled={mutation.isPending || !plan.data}
            data-testid={`${p}-delete-confirm`}
          >
            {mutation.isPending ? "Deleting…" : "Delete"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
