import type { SourceWarning, SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { SourceWarningLine } from "./source-warning";

/** The Key Vault secret a key comes from: the SPC object's `objectName`, else the file name the key names. */
export const keyVaultNameOf = (r: SyncedSecret["references"][number]) => r.source?.keyVaultSecretName ?? r.sourcePath;

/**
 * Each key of the Secret with the Key Vault secret it comes from (`kafka-sasl-password → password`), and under it
 * what the Key Vault name index says is wrong with that secret (missing, disabled, expired, not yet active,
 * expiring within 30 days). Warnings for no key in particular come last.
 */
export function ReferencesCell({ secret }: { secret: SyncedSecret }) {
  const shown = new Set<SourceWarning>();
  // A warning about a secret that fills two keys is shown under the first of them only.
  const warningsOf = (targetKey: string) => {
    const mine = secret.warnings.filter((w) => w.targetKeys.includes(targetKey) && !shown.has(w));
    for (const w of mine) shown.add(w);
    return mine;
  };
  const items = secret.references.map((r) => ({ r, warnings: warningsOf(r.targetKey) }));
  const rest = secret.warnings.filter((w) => !shown.has(w));
  return (
    <ul className="flex flex-col gap-1.5 font-mono text-xs" data-testid="synced-secret-references" data-warnings={secret.warnings.length}>
      {items.map(({ r, warnings }) => (
        <li key={r.targetKey} className="flex flex-col gap-1 [overflow-wrap:anywhere]" data-testid="synced-secret-reference" data-key={r.targetKey}>
          <span>
            {keyVaultNameOf(r)} <span aria-label="to">→</span> {r.targetKey}
            {r.source?.pinnedVersion ? (
              <span className="ml-1 font-sans text-slate-700" title={r.source.pinnedVersion}>(pinned version)</span>
            ) : null}
          </span>
          {warnings.map((w) => <SourceWarningLine key={`${w.kind}/${w.source}`} warning={w} />)}
        </li>
      ))}
      {rest.map((w) => (
        <li key={`${w.kind}/${w.source}`} className="font-sans">
          <SourceWarningLine warning={w} />
        </li>
      ))}
    </ul>
  );
}
