import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The bar under an endpoint form: Save (submits the form) and Review for operators, a sentence for readers, the
 * way back to the list, and Delete at the far end when the resource may be deleted.
 * Test ids: `<prefix>-save`, `<prefix>-review`, `<prefix>-form-read-only`, `<prefix>-form-back`.
 */
export function FormActions({ readOnly, saving, reviewing, onReview, backHref, backLabel, deleteAction, testIdPrefix, notReady = false }: {
  readOnly: boolean;
  /** Save and Review cannot be used yet (e.g. a create form before its type is chosen). */
  notReady?: boolean;
  saving: boolean;
  reviewing: boolean;
  onReview: () => void;
  backHref: string;
  backLabel: string;
  deleteAction?: ReactNode;
  testIdPrefix: string;
}) {
  const disabled = saving || reviewing || notReady;
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
      {readOnly ? (
        <p className="text-sm text-slate-700" data-testid={`${testIdPrefix}-form-read-only`}>Read-only: saving needs the Secrets operator role.</p>
      ) : (
        <>
          <Button variant="primary" type="submit" disabled={disabled} data-testid={`${testIdPrefix}-save`}>
            {saving ? "Saving…" : "Save"}
          </Button>
          <Button onClick={onReview} disabled={disabled} data-testid={`${testIdPrefix}-review`}>
            {reviewing ? "Reviewing…" : "Review"}
          </Button>
        </>
      )}
      <Link href={backHref} className="px-2 text-sm font-medium text-blue-800 underline hover:text-blue-900" data-testid={`${testIdPrefix}-form-back`}>
        {backLabel}
      </Link>
      {deleteAction ? <div className="ml-auto">{deleteAction}</div> : null}
    </div>
  );
}
