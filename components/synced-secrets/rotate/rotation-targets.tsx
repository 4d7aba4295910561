import type { RotationTarget } from "@/lib/schemas/synced-secret-rotate";

const ACTION: Record<RotationTarget["action"], string> = {
  "sync-now": "Synced at once",
  "pinned": "Keeps the old value (pinned to a version)",
  "system": "System: picks the new version up at the sync controller's next poll",
};

/**
 * Every synced secret that maps the Key Vault secret, and what a rotation does to it; after the rotation, whether
 * its sync was asked for.
 */
export function RotationTargets({ targets, testId }: { targets: RotationTarget[]; testId: string }) {
  if (targets.length === 0) return <p className="text-sm text-slate-700" data-testid={testId}>No synced secret uses it.</p>;
  return (
    <ul className="flex flex-col gap-1.5 text-sm" data-testid={testId}>
      {targets.map((t) => (
        <li key={t.name} data-testid="rotate-target" data-name={t.name} data-action={t.action} data-outcome={t.result?.outcome ?? ""}>
          <span className="font-mono font-medium">{t.name}</span>
          <span className="text-slate-700"> · {t.result ? (t.result.outcome === "requested" ? "Sync asked for" : "Sync could not be asked for") : ACTION[t.action]}</span>
          {t.reason ? <span className="block text-xs text-slate-700">{t.reason}</span> : null}
          {t.result?.detail ? <span className="block text-xs text-red-800">{t.result.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
