import { checkCertificatesPem } from "./certificate";
import { parsePemBlocks } from "./pem-blocks";
import { checkPrivateKeyPem } from "./private-key";
import { problem, type PemProblem } from "./problem";

const KEY_LABEL = /PRIVATE KEY$/;
const BLOCK = /-----BEGIN ([^-]+(?:-[^-]+)*)-----[\s\S]*?-----END \1-----/g;

/**
 * A new value for a Key Vault secret whose content type says PEM (rotation keeps what the secret is): well-formed
 * PEM whose certificates parse and whose private key is readable and unencrypted. The secret may hold certificates,
 * a key, or both (a key followed by its chain, as `openssl pkcs12 -nodes` writes), so each part is checked on its
 * own. Messages name blocks and lines, never the text.
 */
export async function pemValueProblem(text: string): Promise<PemProblem | null> {
  if (text.trim() === "") return problem("empty", "Enter the new value in PEM.");
  const parsed = parsePemBlocks(text);
  if (!parsed.ok) return parsed.problem;
  if (parsed.blocks.length === 0) {
    return problem("not-pem", "This secret holds PEM (its content type says so), but the new value has no -----BEGIN …----- line.");
  }
  const blocks = [...text.matchAll(BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
  const keys = blocks.filter((b) => KEY_LABEL.test(b.label));
  const certificates = blocks.filter((b) => b.label === "CERTIFICATE");
  if (keys.length > 1) return problem("wrong-kind", `The new value holds ${keys.length} private keys; a PEM secret holds at most one.`);
  if (certificates.length > 0) {
    const check = checkCertificatesPem(certificates.map((b) => b.text).join("\n"));
    if (!check.ok) return check.problem;
  }
  if (keys.length === 1) {
    const check = await checkPrivateKeyPem(keys[0]!.text);
    if (!check.ok) return check.problem;
  }
  return null;
}

/** Content types that say the value is PEM text (`application/x-pem-file`, `application/pem-certificate-chain`…). */
export function isPemContentType(contentType: string | null | undefined): boolean {
  return typeof contentType === "string" && /(^|[/+.-])pem([-+.;]|$)/i.test(contentType.trim());
}
