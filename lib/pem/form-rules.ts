import type { z } from "zod";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { certificateRoleProblem } from "./certificate-role";
import { checkKeyMatchesCertificate } from "./key-match";
import { checkPrivateKeyPem } from "./private-key";
import type { PemProblem } from "./problem";

/**
 * The PEM rules of the endpoint form schema, as zod `superRefine` callbacks: the route checks what the dialog
 * checked, so a request that skipped the dialog is refused with the same words. Only `new` references carry PEM
 * (an existing Key Vault secret's value never reaches the portal). Each callback returns a promise only when it has
 * WebCrypto work to do, so a form without new key material still parses synchronously.
 */
type Reference = SecretReference | null | undefined;

/** A message as one line: the problem and, when there is one, the command that fixes it. */
export const problemText = (p: PemProblem): string => (p.commands ? `${p.message} ${p.commands.join("; ")}` : p.message);

export const newCertificatesRule = (role: "certificate" | "intermediate" | "trustList") =>
  (reference: Reference, ctx: z.RefinementCtx): void => {
    if (reference?.source !== "new") return;
    const problem = certificateRoleProblem(role, reference.value);
    if (problem) ctx.addIssue({ code: "custom", message: problemText(problem) });
  };

export function newPrivateKeyRule(reference: Reference, ctx: z.RefinementCtx): void | Promise<void> {
  if (reference?.source !== "new") return;
  return checkPrivateKeyPem(reference.value).then((check) => {
    if (!check.ok) ctx.addIssue({ code: "custom", message: problemText(check.problem) });
  });
}

/** When both halves are new, the key must belong to the certificate; the issue goes on `key`. */
export function newCertificateKeyPairRule(auth: { certificate: Reference; key: Reference }, ctx: z.RefinementCtx): void | Promise<void> {
  const { certificate, key } = auth;
  if (certificate?.source !== "new" || key?.source !== "new") return;
  return checkKeyMatchesCertificate(certificate.value, key.value).then((match) => {
    // A problem of one half is already reported on that half's own field.
    if (!match.ok && match.in === "pair") ctx.addIssue({ code: "custom", path: ["key"], message: problemText(match.problem) });
  });
}
