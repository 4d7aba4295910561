"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";

/**
 * Cancel and Add. Add is disabled while `blocker` says what is still missing, and that sentence describes the
 * button, so a screen reader hears why it cannot be pressed yet.
 */
export function DialogFooter({ blocker, onCancel, onAdd }: { blocker: string | null; onCancel: () => void; onAdd: () => void }) {
  const blockerId = useId();
  return (
    <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 pt-4">
      <p id={blockerId} className="mr-auto text-sm text-slate-700" aria-live="polite" data-testid="add-reference-blocker">
        {blocker}
      </p>
      <Button onClick={onCancel} data-testid="add-reference-cancel">Cancel</Button>
      <Button variant="primary" onClick={onAdd} disabled={blocker !== null} aria-describedby={blocker ? blockerId : undefined} data-testid="add-reference-add">
        Add
      </Button>
    </div>
  );
}
