import "reflect-metadata"; // before @peculiar/x509, as in ../x509.ts
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { X509CertificateGenerator } from "@peculiar/x509";

/**
 * Real key pairs and certificates for the PEM tests, made fresh in each run with node:crypto and @peculiar/x509,
 * in every encoding the checks meet: PKCS #8, PKCS #1, SEC1, encrypted, DER.
 */
export interface Pair {
  certPem: string;
  certDer: Uint8Array<ArrayBuffer>;
  /** PKCS #8 `PRIVATE KEY`. */
  keyPem: string;
  keyDer: Uint8Array<ArrayBuffer>;
  privateKey: KeyObject;
}

const DAY = 86_400_000;

export interface CertOptions {
  subject?: string;
  notBefore?: Date;
  notAfter?: Date;
}

export async function rsaPair(o: CertOptions = {}): Promise<Pair> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return pair(privateKey, publicKey, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, o);
}

export async function ecPair(o: CertOptions = {}): Promise<Pair> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return pair(privateKey, publicKey, { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as EcKeyImportParams, o);
}

async function pair(privateKey: KeyObject, publicKey: KeyObject, alg: RsaHashedImportParams | EcKeyImportParams, o: CertOptions): Promise<Pair> {
  const keys = {
    privateKey: privateKey.toCryptoKey(alg, false, ["sign"]),
    publicKey: publicKey.toCryptoKey(alg, true, ["verify"]),
  };
  const now = Date.now();
  const cert = await X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: o.subject ?? "CN=opc-client, O=Contoso",
    notBefore: o.notBefore ?? new Date(now - DAY),
    notAfter: o.notAfter ?? new Date(now + 365 * DAY),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: alg.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : alg,
  });
  return {
    certPem: `${cert.toString("pem")}\n`,
    certDer: new Uint8Array(cert.rawData),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    keyDer: Uint8Array.from(privateKey.export({ type: "pkcs8", format: "der" })),
    privateKey,
  };
}

/** The same key in OpenSSL's traditional formats: `RSA PRIVATE KEY` (PKCS #1) or `EC PRIVATE KEY` (SEC1). */
export const traditionalPem = (key: KeyObject): string =>
  key.export({ type: key.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1", format: "pem" }) as string;

/** `ENCRYPTED PRIVATE KEY` (PKCS #8 with a password). */
export const encryptedPkcs8Pem = (key: KeyObject): string =>
  key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }) as string;

/** `RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED` (traditional OpenSSL encryption). */
export const legacyEncryptedPem = (key: KeyObject): string =>
  key.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }) as string;
