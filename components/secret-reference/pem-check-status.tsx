import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { CertificateSummary } from "@/lib/pem/certificate";
import type { PemProblem } from "@/lib/pem/problem";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import type { PemCheckState } from "./use-pem-check";

/**
 * What the PEM checks found, under the value: the refusal with the command that fixes it, or what was read
 * (certificate subjects and expiry, the key's type) so the operator can see it is the file they meant.
 */
export function PemCheckStatus({ id, role, check, counterpartIsExisting }: {
  id: string;
  role: CertificateRole;
  check: PemCheckState;
  /** The other half of the pair is an existing Key Vault secret: its value never reaches the portal. */
  counterpartIsExisting: boolean;
}) {
  if (check.state === "idle") return <div id={id} />;
  if (check.state === "checking") {
    return <p id={id} role="status" className="text-sm text-slate-700" data-testid="pem-check" data-state="checking">Checking the PEM…</p>;
  }
  const { result } = check;
  if (!result.ok) return <PemProblemAlert id={id} problem={result.problem} />;
  return (
    <div id={id} role="status" className="flex flex-col gap-1 text-sm text-slate-800" data-testid="pem-check" data-state="ok">
      {result.key ? <p>Private key: {result.key.algorithm} ({result.key.format}), not password protected.</p> : null}
      {result.certificates.length > 0 ? (
        <ul className="flex flex-col gap-1">
          {result.certificates.map((c, i) => <CertificateLine key={i} certificate={c} />)}
        </ul>
      ) : null}
      {result.matched ? <p data-testid="pem-check-matched">The key belongs to the certificate.</p> : null}
      {result.pairWarning ? (
        <Alert tone="warning" title={result.pairWarning.message} data-testid="pem-check-pair-warning">
          If you are replacing both, replace the private key next.
        </Alert>
      ) : null}
      {!result.matched && counterpartIsExisting && (role === "key" || role === "certificate") ? (
        <p className="text-slate-700">
          The {role === "key" ? "certificate" : "private key"} is an existing Key Vault secret, so the portal cannot check that they belong together.
        </p>
      ) : null}
    </div>
  );
}

function CertificateLine({ certificate: c }: { certificate: CertificateSummary }) {
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="pem-check-certificate">
      <span>Certificate <span className="font-mono [overflow-wrap:anywhere]">{c.subject}</span>, expires <DateTime value={c.notAfter} /></span>
      {c.expired ? <Badge tone="danger">Expired</Badge> : null}
      {c.notYetValid ? <Badge tone="warning">Not valid yet</Badge> : null}
    </li>
  );
}

export function PemProblemAlert({ id, problem }: { id?: string; problem: PemProblem }) {
  return (
    <Alert id={id} tone="danger" role="alert" title={problem.message} data-testid="pem-problem" data-code={problem.code}>
      {problem.commands ? (
        <ul className="flex flex-col gap-1">
          {problem.commands.map((command) => (
            <li key={command}>
              <code className="block rounded bg-white/70 px-2 py-1 font-mono text-xs break-all text-slate-900 select-all">{command}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
