import { AsnConvert } from "@peculiar/asn1-schema";
import { ContentInfo, id_signedData } from "@peculiar/asn1-cms";
import { ECPrivateKey } from "@peculiar/asn1-ecc";
import { PFX } from "@peculiar/asn1-pfx";
import { EncryptedPrivateKeyInfo, PrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { RSAPrivateKey } from "@peculiar/asn1-rsa";
import { Certificate } from "@peculiar/asn1-x509";
import type { CertificateRole } from "./certificate-role";
import { problem, type PemProblem } from "./problem";

export type UploadedText = { ok: true; text: string } | { ok: false; problem: PemProblem };

/**
 * The text of an uploaded file, exactly as it is (a byte-order mark included: nothing is re-encoded). Key Vault
 * values are text, so a binary file is refused; for a certificate field, a DER or PFX file is recognised and the
 * message gives the `openssl` command that turns it into PEM.
 */
export function textOfUpload(bytes: Uint8Array, fileName: string, role: CertificateRole | null): UploadedText {
  let text: string | null;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = null;
  }
  const looksDer = bytes[0] === 0x30; // an ASN.1 SEQUENCE: how every DER certificate, key and PFX starts
  if (role === null) {
    return text === null
      ? { ok: false, problem: problem("binary", "This file is not text. A Key Vault secret value is text: upload a text file, or type the value.") }
      : { ok: true, text };
  }
  // Text without any PEM block is passed on too: the PEM checks then say what is missing.
  if (text !== null && !looksDer) return { ok: true, text };
  return { ok: false, problem: binaryProblem(derKind(bytes, fileName), fileName, role) };
}

type DerKind = "pfx" | "certificate" | "pkcs7" | "private-key" | "encrypted-private-key" | "unknown";

function derKind(bytes: Uint8Array, fileName: string): DerKind {
  const is = <T>(target: new () => T, accept: (v: T) => boolean = () => true) => {
    try {
      return accept(AsnConvert.parse(bytes, target));
    } catch {
      return false;
    }
  };
  if (is(PFX, (p) => p.version === 3)) return "pfx";
  if (is(Certificate)) return "certificate";
  if (is(ContentInfo, (c) => c.contentType === id_signedData)) return "pkcs7";
  if (is(EncryptedPrivateKeyInfo)) return "encrypted-private-key";
  if (is(PrivateKeyInfo) || is(RSAPrivateKey) || is(ECPrivateKey, (k) => k.version === 1)) return "private-key";
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "pfx" || ext === "p12") return "pfx";
  if (ext === "p7b" || ext === "p7c") return "pkcs7";
  return "unknown";
}

function binaryProblem(kind: DerKind, fileName: string, role: CertificateRole): PemProblem {
  const file = shellQuote(fileName || (role === "key" ? "key.der" : "cert.der"));
  const wantsKey = role === "key";
  switch (kind) {
    case "pfx": {
      const cert = role === "certificate" || role === "key"
        ? `openssl pkcs12 -in ${file} -clcerts -nokeys -out cert.pem`
        : `openssl pkcs12 -in ${file} -cacerts -nokeys -out chain.pem`;
      const key = `openssl pkcs12 -in ${file} -nocerts -nodes -out key.pem`;
      return problem("binary", "This is a PFX (PKCS #12) file; this field takes PEM text. Extract the PEM parts with OpenSSL " +
        "(it asks for the PFX password): the certificate goes in the certificate field, the private key, without a password, " +
        "in the private key field. With OpenSSL 3, an older PFX may also need -legacy.", wantsKey ? [key, cert] : [cert, key]);
    }
    case "certificate":
      return problem("binary", `This is a DER certificate; this field takes PEM text${wantsKey ? ", and a private key, not a certificate" : ""}. ` +
        "Convert it with OpenSSL:", [`openssl x509 -inform der -in ${file} -out cert.pem`]);
    case "pkcs7":
      return problem("binary", "This is a PKCS #7 bundle; this field takes PEM text. Extract its certificates with OpenSSL:",
        [`openssl pkcs7 -inform der -print_certs -in ${file} -out chain.pem`]);
    case "private-key":
    case "encrypted-private-key":
      return problem("binary", `This is a DER private key; this field takes PEM text${wantsKey ? "" : ", and certificates, not a key"}. ` +
        `Convert it with OpenSSL${kind === "encrypted-private-key" ? " (it asks for the key's password and writes the key without one)" : ""}:`,
      [`openssl pkey -inform der -in ${file} -out key.pem`]);
    case "unknown":
      return problem("binary", "This file is binary, not PEM text. If it is a DER " + (wantsKey ? "private key" : "certificate") +
        ", convert it with OpenSSL:",
      [wantsKey ? `openssl pkey -inform der -in ${file} -out key.pem` : `openssl x509 -inform der -in ${file} -out cert.pem`]);
  }
}

/** A file name as one (POSIX) shell word. */
function shellQuote(name: string): string {
  return /^[\w.@%+=:,/-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}
