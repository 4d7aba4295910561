import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import { Section } from "./section";

/** The SecretSync and the SecretProviderClass entries its keys use, as YAML (names only: neither holds a value). */
export function YamlSection({ yaml }: { yaml: SyncedSecretDetail["yaml"] }) {
  return (
    <Section id="synced-secret-yaml" title="YAML" testId="synced-secret-yaml">
      <h3 className="text-sm font-medium text-slate-800">SecretSync</h3>
      <Yaml text={yaml.secretSync} testId="synced-secret-yaml-secretsync" label="SecretSync YAML" />
      <h3 className="text-sm font-medium text-slate-800">SecretProviderClass entries</h3>
      {yaml.secretProviderClassObjects === null ? (
        <p className="text-sm text-slate-700">The SecretProviderClass could not be read.</p>
      ) : (
        <Yaml text={yaml.secretProviderClassObjects} testId="synced-secret-yaml-spc" label="SecretProviderClass entries YAML" />
      )}
    </Section>
  );
}

function Yaml({ text, testId, label }: { text: string; testId: string; label: string }) {
  return (
    // Focusable and labelled: a long line scrolls sideways, and keyboard users must reach that too.
    <pre tabIndex={0} aria-label={label} className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-900" data-testid={testId}>
      {text}
    </pre>
  );
}
