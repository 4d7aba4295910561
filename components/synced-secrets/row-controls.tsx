"use client";

import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { Button } from "@/components/ui/button";
import { useRowActions } from "./row-actions-context";
import { SyncNowButton } from "./sync-now-button";

/** A row's checkbox for bulk delete; system synced secrets have none (they are never deleted here). */
export function SelectCell({ secret }: { secret: SyncedSecret }) {
  const { selected, setSelected } = useRowActions();
  if (secret.system) return null;
  return (
    <input
      type="checkbox"
      className="mt-1"
      aria-label={`Select ${secret.name}`}
      checked={selected.has(secret.name)}
      onChange={(e) => setSelected(secret.name, e.target.checked)}
      data-testid="synced-secret-select"
    />
  );
}

/** Selects or clears every shown row that can be selected. */
export function SelectAllHeader() {
  const { selected, selectable, setAllSelected } = useRowActions();
  const count = selectable.filter((n) => selected.has(n)).length;
  return (
    <input
      type="checkbox"
      aria-label="Select all shown synced secrets"
      checked={selectable.length > 0 && count === selectable.length}
      ref={(el) => {
        if (el) el.indeterminate = count > 0 && count < selectable.length;
      }}
      disabled={selectable.length === 0}
      onChange={(e) => setAllSelected(e.target.checked)}
      data-testid="synced-secrets-select-all"
    />
  );
}

/** Sync now and Delete for one row (operators); a system synced secret has neither (its name cell says why). */
export function ActionsCell({ secret }: { secret: SyncedSecret }) {
  const { openDelete } = useRowActions();
  if (secret.system) {
    return (
      <p className="text-xs text-slate-700" data-testid="synced-secret-system-note">System: not changed from the portal</p>
    );
  }
  const waiting = secret.sync.state === "syncing" && secret.sync.noAnswerSince === null;
  return (
    <div className="flex flex-col items-start gap-2">
      <SyncNowButton name={secret.name} syncing={waiting} />
      <Button onClick={() => openDelete([secret.name])} aria-label={`Delete ${secret.name}`} data-testid="synced-secret-delete">
        Delete
      </Button>
    </div>
  );
}
