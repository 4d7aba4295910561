"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { deleteDevice } from "@/lib/api/devices";
import { isApiProblem } from "@/lib/api/client";
import { deviceDeletePlanQuery, deviceKeys } from "@/lib/queries/devices";
import { syncedSecretKeys } from "@/lib/queries/synced-secrets";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * Delete device and its confirmation (native modal `<dialog>`). Opening it asks the server which of the device's
 * synced secrets nothing else uses; those may be deleted with it (unticked by default), the others are listed with
 * the reason. Key Vault secrets are never deleted.
 */
export function DeleteDeviceDialog({ name }: { name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const plan = useQuery({ ...deviceDeletePlanQuery(name), enabled: open });
  const mutation = useMutation({
    mutationFn: () => deleteDevice(name, [...chosen]),
    onSuccess: async () => {
      dialog.current?.close();
      router.push("/devices");
      // The device is gone: its detail must not be refetched under the page we are leaving, only marked stale.
      await queryClient.invalidateQueries({ queryKey: deviceKeys.detail(name), refetchType: "none" });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deviceKeys.list() }),
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

  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="border-red-300 text-red-800 hover:bg-red-50"
        data-testid="device-delete"
      >
        Delete device
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="device-delete-title"
        data-testid="device-delete-dialog"
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id="device-delete-title" className="text-lg font-semibold text-slate-900">
          Delete device <span className="font-mono">{name}</span>?
        </h2>
        <p className="mt-2">
          This removes the device and its inbound endpoints from the cluster. Key Vault secrets are never deleted.
        </p>
        {open && plan.isPending ? (
          <div role="status" className="mt-4 flex flex-col gap-2" data-testid="device-delete-plan-loading">
            <span className="sr-only">Checking which synced secrets can go with it…</span>
            <Skeleton /><Skeleton className="w-2/3" />
          </div>
        ) : plan.data ? (
          plan.data.syncedSecrets.length === 0 ? (
            <p className="mt-4 text-slate-700" data-testid="device-delete-no-secrets">The device uses no synced secrets.</p>
          ) : (
            <fieldset className="mt-4 flex flex-col gap-2" data-testid="device-delete-secrets">
              <legend className="mb-1 font-medium text-slate-900">Also delete its synced secrets?</legend>
              {plan.data.syncedSecrets.map((s) => (
                <label key={s.name} className="flex items-start gap-2" data-testid="device-delete-secret" data-name={s.name} data-deletable={s.deletable}>
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
          <Alert tone="danger" role="alert" className="mt-4" title={isApiProblem(error) ? error.title : "Delete failed"} data-testid="device-delete-error">
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
            data-testid="device-delete-confirm"
          >
            {mutation.isPending ? "Deleting…" : "Delete"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
