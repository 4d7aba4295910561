"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The review of a save, in a native modal `<dialog>` (focus trapped, page inert, Escape closes). Open while
 * `open`; `children` is the plan. Save from here saves the same values the plan was made from.
 * Test ids: `<prefix>-review-dialog`, `<prefix>-review-cancel`, `<prefix>-review-save`.
 */
export function ReviewDialog({ open, saving, onSave, onClose, testIdPrefix, children }: {
  open: boolean;
  saving: boolean;
  onSave: () => void;
  onClose: () => void;
  testIdPrefix: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  useEffect(() => {
    const d = dialog.current;
    d?.addEventListener("close", onClose);
    return () => d?.removeEventListener("close", onClose);
  }, [onClose]);

  const titleId = `${testIdPrefix}-review-title`;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid={`${testIdPrefix}-review-dialog`}
      className="m-auto w-full max-w-3xl rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">Review the save</h2>
      <p className="mt-1 text-slate-700">What saving writes, in order. Secret values are never shown; new ones go to Key Vault once, when you save.</p>
      <div className="mt-4">{open ? children : null}</div>
      <div className="mt-6 flex justify-end gap-2">
        <Button onClick={() => dialog.current?.close()} disabled={saving} data-testid={`${testIdPrefix}-review-cancel`}>Back to the form</Button>
        <Button variant="primary" onClick={onSave} disabled={saving} data-testid={`${testIdPrefix}-review-save`}>
          {saving ? "Saving…" : "Save"}
        </Button>
      </div>
    </dialog>
  );
}
