"use client";

import { isApiProblem } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { useSyncNow } from "./use-sync-now";

/** *Sync now* for one synced secret (operators, never a system one: the caller decides whether to show it). */
export function SyncNowButton({ name, syncing }: { name: string; syncing: boolean }) {
  const mutation = useSyncNow(name);
  const error = mutation.error;
  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending || syncing}
        aria-label={`Sync ${name} now`}
        data-testid="synced-secret-sync-now"
      >
        {mutation.isPending ? "Asking…" : "Sync now"}
      </Button>
      {error ? (
        <p role="alert" className="text-xs [overflow-wrap:anywhere] text-red-800" data-testid="synced-secret-sync-now-error">
          {isApiProblem(error) ? `${error.title}: ${error.detail}` : error.message}
        </p>
      ) : null}
    </div>
  );
}
