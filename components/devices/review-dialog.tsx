"use client";

import { useEffect, useRef } from "react";
import type { DeviceSavePlan } from "@/lib/schemas/device-api";
import { Button } from "@/components/ui/button";
import { SavePlan } from "./save-plan";

/**
 * The review of a save, in a native modal `<dialog>` (focus trapped, page inert, Escape closes). Opens while
 * `plan` is set; Save from here saves the same values the plan was made from.
 */
export function ReviewDialog({ plan, saving, onSave, onClose }: {
  plan: DeviceSavePlan | null;
  saving: boolean;
  onSave: () => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (plan && !d.open) d.showModal();
    if (!plan && d.open) d.close();
  }, [plan]);
  useEffect(() => {
    const d = dialog.current;
    d?.addEventListener("close", onClose);
    return () => d?.removeEventListener("close", onClose);
  }, [onClose]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="device-review-title"
      data-testid="device-review-dialog"
      className="m-auto w-full max-w-3xl rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="device-review-title" className="text-lg font-semibold text-slate-900">Review the save</h2>
      <p className="mt-1 text-slate-700">What saving writes, in order. Secret values are never shown; new ones go to Key Vault once, when you save.</p>
      <div className="mt-4">{plan ? <SavePlan plan={plan} /> : null}</div>
      <div className="mt-6 flex justify-end gap-2">
        <Button onClick={() => dialog.current?.close()} disabled={saving} data-testid="device-review-cancel">Back to the form</Button>
        <Button variant="primary" onClick={onSave} disabled={saving} data-testid="device-review-save">
          {saving ? "Saving…" : "Save"}
        </Button>
      </div>
    </dialog>
  );
}
