import { parsePemBlocks, type PemBlock } from "./pem-blocks";
import { problem, type PemProblem } from "./problem";
import { X509Certificate } from "./x509";

/** What the dialog shows of a certificate it has read: enough to recognise it, nothing secret. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** ISO instants. */
  notBefore: string;
  notAfter: string;
  /** Past `notAfter`: still accepted (the operator may be replacing it next), but shown as a warning. */
  expired: boolean;
  notYetValid: boolean;
}

export type CertificateCheck = { ok: true; certificate: CertificateSummary } | { ok: false; problem: PemProblem };
export type CertificateListCheck = { ok: true; certificates: CertificateSummary[] } | { ok: false; problem: PemProblem };

/** An endpoint's own certificate: exactly one PEM `CERTIFICATE` block that parses as X.509. */
export function checkCertificatePem(text: string, now: Date = new Date()): CertificateCheck {
  const read = readCertificates(text);
  if (!read.ok) return read;
  if (read.certificates.length > 1) {
    return { ok: false, problem: problem("wrong-kind", `This holds ${read.certificates.length} certificates; this field takes one, ` +
      `the endpoint's own certificate. Put the CA certificates that issued it in the intermediate certificates field.`) };
  }
  return { ok: true, certificate: summarize(read.certificates[0], now) };
}

/** Intermediate certificates and trust lists: one or more PEM `CERTIFICATE` blocks, each parsing as X.509. */
export function checkCertificatesPem(text: string, now: Date = new Date()): CertificateListCheck {
  const read = readCertificates(text);
  if (!read.ok) return read;
  return { ok: true, certificates: read.certificates.map((c) => summarize(c, now)) };
}

type ReadCertificates = { ok: true; certificates: [X509Certificate, ...X509Certificate[]] } | { ok: false; problem: PemProblem };

/** The certificates of PEM text, in order; for the key match too (the first one is the endpoint's). */
export function readCertificates(text: string): ReadCertificates {
  if (text.trim() === "") return { ok: false, problem: problem("empty", "Enter or upload the certificate in PEM.") };
  const parsed = parsePemBlocks(text);
  if (!parsed.ok) return parsed;
  if (parsed.blocks.length === 0) {
    return { ok: false, problem: problem("not-pem", "This is not PEM: there is no -----BEGIN CERTIFICATE----- line. " +
      "A DER (.der, .cer) file converts with OpenSSL:", ["openssl x509 -inform der -in cert.der -out cert.pem"]) };
  }
  const certificates: X509Certificate[] = [];
  for (const block of parsed.blocks) {
    if (block.label !== "CERTIFICATE") return { ok: false, problem: notACertificate(block) };
    try {
      const cert = new X509Certificate(block.der);
      // Touch what the dialog shows and the key match needs, so a certificate that half-parses is refused here.
      void cert.subject;
      void cert.issuer;
      void cert.notAfter;
      void cert.publicKey.algorithm;
      certificates.push(cert);
    } catch {
      return { ok: false, problem: problem("unreadable", `The CERTIFICATE block that begins on line ${block.line} is not a readable ` +
        `X.509 certificate (its content is damaged or incomplete).`) };
    }
  }
  const [first, ...rest] = certificates;
  return first ? { ok: true, certificates: [first, ...rest] } : { ok: false, problem: problem("empty", "Enter or upload the certificate in PEM.") };
}

function summarize(cert: X509Certificate, now: Date): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    expired: cert.notAfter.getTime() < now.getTime(),
    notYetValid: cert.notBefore.getTime() > now.getTime(),
  };
}

/** Why a block other than CERTIFICATE does not belong here, and how to get the certificates out of it. */
function notACertificate(block: PemBlock): PemProblem {
  const at = `The block that begins on line ${block.line}`;
  switch (block.label) {
    case "PRIVATE KEY":
    case "RSA PRIVATE KEY":
    case "EC PRIVATE KEY":
    case "ENCRYPTED PRIVATE KEY":
      return problem("wrong-kind", `${at} is a private key. This field takes certificates only: put the key in the private key field.`);
    case "PKCS7":
      return problem("wrong-kind", `${at} is a PKCS #7 bundle. Extract its certificates as PEM:`,
        ["openssl pkcs7 -print_certs -in chain.p7b -out chain.pem"]);
    case "TRUSTED CERTIFICATE":
      return problem("wrong-kind", `${at} is an OpenSSL "TRUSTED CERTIFICATE". Write it as a plain certificate:`,
        ["openssl x509 -in trusted.pem -out cert.pem"]);
    case "CERTIFICATE REQUEST":
    case "NEW CERTIFICATE REQUEST":
      return problem("wrong-kind", `${at} is a certificate signing request, not a certificate: have your CA sign it first.`);
    case "PUBLIC KEY":
      return problem("wrong-kind", `${at} is a public key, not a certificate.`);
    default:
      return problem("wrong-kind", `${at} is a ${block.label} block; this field takes CERTIFICATE blocks only.`);
  }
}
