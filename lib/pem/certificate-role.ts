import { checkCertificatePem, checkCertificatesPem, type CertificateSummary } from "./certificate";
import { checkKeyMatchesCertificate } from "./key-match";
import { checkPrivateKeyPem, type PrivateKeySummary } from "./private-key";
import type { PemProblem } from "./problem";

/**
 * Which PEM a secret field holds. `certificate`: the endpoint's own certificate (one); `key`: its private key;
 * `intermediate` and `trustList`: one or more certificates.
 */
export type CertificateRole = "certificate" | "key" | "intermediate" | "trustList";

export type RoleCheck =
  | {
    ok: true;
    certificates: CertificateSummary[];
    key: PrivateKeySummary | null;
    /** The key and certificate were checked against each other (the other half was given and readable). */
    matched: boolean;
    /**
     * A certificate whose new private key does not belong to it. Not a refusal: the operator may be replacing the
     * pair, certificate first; the form then flags the key.
     */
    pairWarning: PemProblem | null;
  }
  | { ok: false; problem: PemProblem };

/** The certificate roles' own checks, without the key match: synchronous (no WebCrypto needed). */
export function certificateRoleProblem(role: Exclude<CertificateRole, "key">, text: string, now?: Date): PemProblem | null {
  const check = role === "certificate" ? checkCertificatePem(text, now) : checkCertificatesPem(text, now);
  return check.ok ? null : check.problem;
}

/**
 * Everything the dialog checks for a role's PEM. `counterpartPem` is the other half of the pair when it is new in the
 * same endpoint (the certificate for a key, the key for a certificate): a key must match it; a certificate that does
 * not is accepted with `pairWarning`. A counterpart that is itself broken is not reported here — its own field says so.
 */
export async function checkPemForRole(role: CertificateRole, text: string, o: { counterpartPem?: string | null; now?: Date } = {}): Promise<RoleCheck> {
  let certificates: CertificateSummary[] = [];
  let key: PrivateKeySummary | null = null;
  if (role === "key") {
    const check = await checkPrivateKeyPem(text);
    if (!check.ok) return check;
    key = check.key;
  } else if (role === "certificate") {
    const check = checkCertificatePem(text, o.now);
    if (!check.ok) return check;
    certificates = [check.certificate];
  } else {
    const check = checkCertificatesPem(text, o.now);
    if (!check.ok) return check;
    certificates = check.certificates;
  }
  const pairs = role === "key" || role === "certificate";
  const checked = { ok: true as const, certificates, key, matched: false, pairWarning: null };
  if (!pairs || !o.counterpartPem) return checked;
  const match = role === "key" ? await checkKeyMatchesCertificate(o.counterpartPem, text) : await checkKeyMatchesCertificate(text, o.counterpartPem);
  if (match.ok) return { ...checked, matched: true };
  if (match.in !== "pair") return checked;
  return role === "key" ? { ok: false, problem: match.problem } : { ...checked, pairWarning: match.problem };
}
