import { AsnConvert } from "@peculiar/asn1-schema";
import { ECParameters, ECPrivateKey, id_ecPublicKey } from "@peculiar/asn1-ecc";
import { PrivateKey, PrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { id_rsaEncryption, RSAPrivateKey } from "@peculiar/asn1-rsa";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { curveFromOid, describeKeyType, importParams, keyTypeOf, NO_WEBCRYPTO, subtleCrypto, type KeyType } from "./key-algorithm";
import { isLegacyEncrypted, parsePemBlocks, type PemBlock } from "./pem-blocks";
import { problem, type PemProblem } from "./problem";

/** What the dialog shows of a private key it has read. */
export interface PrivateKeySummary {
  /** PKCS #8 (`PRIVATE KEY`), or OpenSSL's traditional PKCS #1 (`RSA PRIVATE KEY`) and SEC1 (`EC PRIVATE KEY`). */
  format: "PKCS #8" | "PKCS #1" | "SEC1";
  /** e.g. "RSA 2048-bit", "EC P-256", "Ed25519". */
  algorithm: string;
}

export type PrivateKeyCheck = { ok: true; key: PrivateKeySummary } | { ok: false; problem: PemProblem };

/** A private key as WebCrypto sees it (non-extractable, sign only), for the certificate match. */
export interface ReadPrivateKey {
  type: KeyType;
  summary: PrivateKeySummary;
  cryptoKey: CryptoKey;
}

const KEY_LABELS = new Set(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]);
const REMOVE_PASSWORD = ["openssl pkey -in key.pem -out key-without-password.pem"];

/** A private key the connector can use: one well-formed, unencrypted PEM key that WebCrypto imports. */
export async function checkPrivateKeyPem(text: string): Promise<PrivateKeyCheck> {
  const read = await readPrivateKey(text);
  return read.ok ? { ok: true, key: read.key.summary } : read;
}

export async function readPrivateKey(text: string): Promise<{ ok: true; key: ReadPrivateKey } | { ok: false; problem: PemProblem }> {
  const found = findKeyBlock(text);
  if (!found.ok) return found;
  const decoded = toPkcs8(found.block, found.ecParameters);
  if (!decoded.ok) return decoded;
  const { pkcs8, type, summary } = decoded;
  const subtle = subtleCrypto();
  if (!subtle) return fail("unsupported", NO_WEBCRYPTO);
  try {
    const cryptoKey = await subtle.importKey("pkcs8", pkcs8, importParams(type), false, ["sign"]);
    return { ok: true, key: { type, summary, cryptoKey } };
  } catch {
    return fail("unreadable", `The private key could not be read: its values do not form a valid ${describeKeyType(type)} key.`);
  }
}

type Found = { ok: true; block: PemBlock; ecParameters: PemBlock | null } | { ok: false; problem: PemProblem };

function findKeyBlock(text: string): Found {
  if (text.trim() === "") return fail("empty", "Enter or upload the private key in PEM.");
  const parsed = parsePemBlocks(text);
  if (!parsed.ok) return parsed;
  const { blocks } = parsed;
  if (blocks.length === 0) {
    return fail("not-pem", "This is not PEM: there is no PEM block labelled PRIVATE KEY (a text block that starts with -----BEGIN). A DER key file converts with OpenSSL:",
      ["openssl pkey -inform der -in key.der -out key.pem"]);
  }
  const encrypted = blocks.find((b) => b.label === "ENCRYPTED PRIVATE KEY" || (KEY_LABELS.has(b.label) && isLegacyEncrypted(b)));
  if (encrypted) {
    return fail("encrypted", "This private key is protected by a password, which the connector cannot enter. " +
      "Remove the password (OpenSSL asks for it) and use the new file:", REMOVE_PASSWORD);
  }
  let ecParameters: PemBlock | null = null;
  const keys: PemBlock[] = [];
  for (const block of blocks) {
    if (KEY_LABELS.has(block.label)) keys.push(block);
    else if (block.label === "EC PARAMETERS") ecParameters = block; // `openssl ecparam -genkey` writes it before the key
    else return { ok: false, problem: notAPrivateKey(block) };
  }
  const [key, ...more] = keys;
  if (!key || more.length > 0) return fail("wrong-kind", `This holds ${keys.length} private keys; this field takes one.`);
  return { ok: true, block: key, ecParameters };
}

type Pkcs8 = { ok: true; pkcs8: Uint8Array<ArrayBuffer>; type: KeyType; summary: PrivateKeySummary } | { ok: false; problem: PemProblem };

/** WebCrypto imports PKCS #8 only: the traditional RSA and EC formats are wrapped into it unchanged. */
function toPkcs8(block: PemBlock, ecParameters: PemBlock | null): Pkcs8 {
  const damaged = fail("unreadable", `The ${block.label} block that begins on line ${block.line} is not a readable private key ` +
    `(its content is damaged or incomplete).`);
  try {
    if (block.label === "RSA PRIVATE KEY") {
      const rsa = AsnConvert.parse(block.der, RSAPrivateKey);
      const info = wrap(new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: null }), block.der);
      return ok(info, { kind: "RSA" }, "PKCS #1", rsaBits(rsa));
    }
    if (block.label === "EC PRIVATE KEY") {
      const ec = AsnConvert.parse(block.der, ECPrivateKey);
      const curveOid = ec.parameters?.namedCurve ?? (ecParameters ? AsnConvert.parse(ecParameters.der, ECParameters).namedCurve : undefined);
      const curve = curveFromOid(curveOid ?? null);
      if (!curve.ok) return unsupported(curve.algorithm);
      const parameters = AsnConvert.serialize(new ECParameters({ namedCurve: curveOid }));
      return ok(wrap(new AlgorithmIdentifier({ algorithm: id_ecPublicKey, parameters }), block.der), curve.type, "SEC1");
    }
    const info = AsnConvert.parse(block.der, PrivateKeyInfo);
    const type = keyTypeOf(info.privateKeyAlgorithm);
    if (!type.ok) return unsupported(type.algorithm);
    const bits = type.type.kind === "RSA" ? rsaBits(AsnConvert.parse(info.privateKey.buffer, RSAPrivateKey)) : undefined;
    return ok(new Uint8Array(block.der), type.type, "PKCS #8", bits);
  } catch {
    return damaged;
  }
}

function wrap(privateKeyAlgorithm: AlgorithmIdentifier, der: Uint8Array): Uint8Array<ArrayBuffer> {
  const info = new PrivateKeyInfo({ version: 0, privateKeyAlgorithm, privateKey: new PrivateKey(der) });
  return new Uint8Array(AsnConvert.serialize(info));
}

function ok(pkcs8: Uint8Array<ArrayBuffer>, type: KeyType, format: PrivateKeySummary["format"], bits?: number): Pkcs8 {
  const algorithm = type.kind === "RSA" && bits ? `RSA ${bits}-bit` : describeKeyType(type);
  return { ok: true, pkcs8, type, summary: { format, algorithm } };
}

function rsaBits(key: RSAPrivateKey): number {
  const n = new Uint8Array(key.modulus);
  let i = 0;
  while (i < n.length - 1 && n[i] === 0) i++;
  return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i] ?? 0));
}

const unsupported = (algorithm: string): Pkcs8 =>
  fail("unsupported", `This is a ${algorithm} private key; the portal checks RSA, EC (P-256, P-384, P-521) and Ed25519 keys only.`);

function notAPrivateKey(block: PemBlock): PemProblem {
  const at = `The block that begins on line ${block.line}`;
  switch (block.label) {
    case "CERTIFICATE":
      return problem("wrong-kind", `${at} is a certificate. This field takes the private key only: put the certificate in its own field.`);
    case "PUBLIC KEY":
    case "RSA PUBLIC KEY":
      return problem("wrong-kind", `${at} is a public key; this field needs the private key.`);
    case "OPENSSH PRIVATE KEY":
      return problem("unsupported", `${at} is in OpenSSH's own key format; the connector needs a PEM private key (PKCS #8).`);
    default:
      return problem("wrong-kind", `${at} is a ${block.label} block; this field takes one PRIVATE KEY block.`);
  }
}

function fail(code: PemProblem["code"], message: string, commands?: string[]): { ok: false; problem: PemProblem } {
  return { ok: false, problem: problem(code, message, commands) };
}
