"use client";

import { Button } from "@/components/ui/button";
import { BULK_DELETE_MAX } from "./use-selection";

/** How many rows are ticked, and *Delete selected* (which opens the delete dialog on their plan). */
export function BulkActions({ selected, onDelete }: { selected: ReadonlySet<string>; onDelete: () => void }) {
  const count = selected.size;
  const tooMany = count > BULK_DELETE_MAX;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="synced-secrets-bulk">
      <span className="text-sm text-slate-700" role="status" data-testid="synced-secrets-selected-count">
        {count === 0 ? "None selected" : `${count.toLocaleString()} selected`}
        {tooMany ? ` (delete at most ${BULK_DELETE_MAX} at once)` : null}
      </span>
      <Button
        onClick={onDelete}
        disabled={count === 0 || tooMany}
        className="border-red-300 text-red-800 hover:bg-red-50"
        data-testid="synced-secrets-delete-selected"
      >
        Delete selected
      </Button>
    </div>
  );
}
