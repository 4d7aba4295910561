/** Whether the page follows changes as they happen (the live stream) or refreshes now and then while it reconnects. */
export function LiveStatus({ live }: { live: boolean }) {
  return (
    <p className="flex items-center gap-1.5 text-sm text-slate-700" data-testid="synced-secrets-live" data-live={live}>
      <span aria-hidden="true" className={live ? "size-2 rounded-full bg-green-600" : "size-2 rounded-full bg-slate-400"} />
      {live ? "Live updates" : "Refreshing periodically"}
    </p>
  );
}
