// @peculiar/x509 resolves its ASN.1 schemas through decorators: the Reflect polyfill must load first.
import "reflect-metadata";
import { createHash, webcrypto } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AsnConvert } from "@peculiar/asn1-schema";
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints } from "@peculiar/asn1-x509";
import * as x509 from "@peculiar/x509";
import { writeFileAtomic } from "./atomic-file";

/** PEM material of the local stack: a private CA and one server certificate every stand-in serves. */
export interface TlsMaterial {
  caFile: string;                 // absolute path: clients trust it (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, kubeconfig)
  ca: string;                     // CA certificate, PEM
  cert: string;                   // server certificate, PEM
  key: string;                    // server private key, PKCS#8 PEM
}

const crypto = webcrypto as unknown as Crypto;
const RSA: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048,
};
const DAY = 24 * 60 * 60 * 1000;
const CA_DAYS = 3650;
const SERVER_DAYS = 397;          // what browsers accept for a leaf; we renew well before the end
const RENEW_BEFORE_DAYS = 30;
// kubectl, Python and Node reach the stand-ins by any of these names.
const SERVER_NAMES = [
  { type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }, { type: "ip", value: "::1" },
] as const;
/**
 * The only names the CA may vouch for (RFC 5280 NameConstraints, critical). People add this CA to their browser
 * (`npm run stack -- trust`); should its key leak, it still cannot sign a certificate any client accepts for a
 * real site. The server names above must stay inside these.
 */
export const CA_PERMITTED_NAMES = { dns: ["localhost"], ip: ["127.0.0.1/32", "::1/128"] } as const;

/**
 * The CA's common name, which is also its nickname in browser trust stores (trust-store.ts): unique per data
 * folder, because NSS files every certificate of one subject under one nickname, and two checkouts each have a CA.
 */
export function localCaName(dir: string): string {
  return `Ops Portal local stack CA (${createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 8)})`;
}

/** The CA as `npm run stack -- trust` needs it; undefined before the first start made one. */
export async function readLocalCa(dir: string): Promise<{ caFile: string; caPem: string; constrained: boolean } | undefined> {
  const caFile = join(dir, "ca.pem");
  if (!(await exists(caFile))) return undefined;
  const caPem = await readFile(caFile, "utf8");
  return { caFile, caPem, constrained: !!new x509.X509Certificate(caPem).getExtension(id_ce_nameConstraints) };
}

/**
 * Loads `<dir>/{ca,ca-key,server,server-key}.pem`, generating what is missing or about to expire. The CA survives
 * restarts (clients keep trusting the same file); the server certificate is re-issued from it when needed.
 */
export async function ensureTlsMaterial(dir: string): Promise<TlsMaterial> {
  const files = {
    ca: join(dir, "ca.pem"), caKey: join(dir, "ca-key.pem"),
    cert: join(dir, "server.pem"), key: join(dir, "server-key.pem"),
  };
  let ca = await loadPair(files.ca, files.caKey);
  let renewServer = false;
  // A CA made before the name constraints existed could sign for any site: replace it, and its server certificate.
  if (!ca || expiresSoon(ca.cert) || !ca.cert.getExtension(id_ce_nameConstraints)) {
    ca = await createCa(localCaName(dir));
    await writeFileAtomic(files.caKey, ca.keyPem, 0o600);
    await writeFileAtomic(files.ca, ca.cert.toString("pem"));
    renewServer = true;
  }
  let server = renewServer ? undefined : await loadPair(files.cert, files.key);
  if (!server || expiresSoon(server.cert) || !(await server.cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }))) {
    server = await createServerCertificate(ca);
    await writeFileAtomic(files.key, server.keyPem, 0o600);
    await writeFileAtomic(files.cert, server.cert.toString("pem"));
  }
  return { caFile: files.ca, ca: ca.cert.toString("pem"), cert: server.cert.toString("pem"), key: server.keyPem };
}

interface CertAndKey { cert: x509.X509Certificate; keyPem: string; privateKey: CryptoKey }

async function createCa(commonName: string): Promise<CertAndKey> {
  const keys = await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [commonName] }, { O: ["Ops Portal (local development only)"] }],
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + CA_DAYS * DAY),
    signingAlgorithm: RSA,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      nameConstraints(),
    ],
  }, crypto);
  return { cert, privateKey: keys.privateKey, keyPem: await exportKey(keys.privateKey) };
}

function nameConstraints(): x509.Extension {
  const subtree = (base: GeneralName) => new GeneralSubtree({ base });
  const value = new NameConstraints({
    permittedSubtrees: new GeneralSubtrees([
      ...CA_PERMITTED_NAMES.dns.map((dNSName) => subtree(new GeneralName({ dNSName }))),
      ...CA_PERMITTED_NAMES.ip.map((iPAddress) => subtree(new GeneralName({ iPAddress }))),
    ]),
  });
  return new x509.Extension(id_ce_nameConstraints, true, AsnConvert.serialize(value));
}

async function createServerCertificate(ca: CertAndKey): Promise<CertAndKey> {
  const keys = await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: "CN=localhost",
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + SERVER_DAYS * DAY),
    signingAlgorithm: RSA,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(SERVER_NAMES.map((n) => ({ ...n }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      // Python's OpenSSL (X509_STRICT) wants the leaf to name its issuer's key.
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey, false, crypto),
    ],
  }, crypto);
  return { cert, privateKey: keys.privateKey, keyPem: await exportKey(keys.privateKey) };
}

async function loadPair(certFile: string, keyFile: string): Promise<CertAndKey | undefined> {
  if (!(await exists(certFile)) || !(await exists(keyFile))) return undefined;
  const keyPem = await readFile(keyFile, "utf8");
  const cert = new x509.X509Certificate(await readFile(certFile, "utf8"));
  const der = x509.PemConverter.decodeFirst(keyPem);
  const privateKey = await crypto.subtle.importKey("pkcs8", der, RSA, true, ["sign"]);
  return { cert, keyPem, privateKey };
}

function expiresSoon(cert: x509.X509Certificate): boolean {
  return cert.notAfter.getTime() - Date.now() < RENEW_BEFORE_DAYS * DAY;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", key), "PRIVATE KEY");
}

/** A positive 128-bit serial: RFC 5280 wants it unique per CA and non-negative. */
function serialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
