"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import { Button } from "@/components/ui/button";
import { DeleteDialog } from "../delete-dialog";
import { RotateDialog } from "../rotate/rotate-dialog";
import { SyncNowButton } from "../sync-now-button";

/**
 * Sync now, Rotate and Delete on the details page: operators only, never on a system synced secret (the caller
 * decides; the API refuses them too). Each dialog is mounted per opening, so nothing typed survives a close.
 */
export function DetailsActions({ detail }: { detail: SyncedSecretDetail }) {
  const router = useRouter();
  const [open, setOpen] = useState<"rotate" | "delete" | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const onGone = useCallback(() => router.push("/secrets"), [router]);
  const waiting = detail.sync.state === "syncing" && detail.sync.noAnswerSince === null;
  return (
    <div className="flex flex-wrap items-start gap-2" data-testid="synced-secret-actions">
      <SyncNowButton name={detail.name} syncing={waiting} />
      <Button onClick={() => setOpen("rotate")} data-testid="synced-secret-rotate">Rotate…</Button>
      <Button onClick={() => setOpen("delete")} className="border-red-300 text-red-800 hover:bg-red-50" data-testid="synced-secret-delete">
        Delete…
      </Button>
      {open === "rotate" ? <RotateDialog detail={detail} onClose={close} /> : null}
      {open === "delete" ? <DeleteDialog names={[detail.name]} onClose={close} onGone={onGone} /> : null}
    </div>
  );
}
