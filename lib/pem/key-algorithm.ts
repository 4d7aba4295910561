import { AsnConvert } from "@peculiar/asn1-schema";
import { ECParameters, id_ecPublicKey, id_secp256r1, id_secp384r1, id_secp521r1 } from "@peculiar/asn1-ecc";
import { id_rsaEncryption, id_RSASSA_PSS } from "@peculiar/asn1-rsa";
import type { AlgorithmIdentifier } from "@peculiar/asn1-x509";

/**
 * The key types the portal can check with WebCrypto — the same set in browsers and in Node, so the dialog and the
 * route agree. A key or certificate of any other type is refused as "unsupported" with its algorithm named.
 */
export type KeyType = { kind: "RSA" } | { kind: "EC"; curve: EcCurve } | { kind: "Ed25519" };
type EcCurve = "P-256" | "P-384" | "P-521";

const CURVES: Record<string, EcCurve> = { [id_secp256r1]: "P-256", [id_secp384r1]: "P-384", [id_secp521r1]: "P-521" };
const id_Ed25519 = "1.3.101.112";
const OTHER_NAMES: Record<string, string> = {
  [id_RSASSA_PSS]: "RSA-PSS", "1.3.101.113": "Ed448", "1.3.101.110": "X25519", "1.3.101.111": "X448",
  "1.2.840.10040.4.1": "DSA", "1.3.132.0.10": "EC secp256k1",
};

export type KeyTypeResult = { ok: true; type: KeyType } | { ok: false; algorithm: string };

/** Reads the algorithm of a SubjectPublicKeyInfo or a PrivateKeyInfo. */
export function keyTypeOf(alg: AlgorithmIdentifier): KeyTypeResult {
  if (alg.algorithm === id_rsaEncryption) return { ok: true, type: { kind: "RSA" } };
  if (alg.algorithm === id_Ed25519) return { ok: true, type: { kind: "Ed25519" } };
  if (alg.algorithm === id_ecPublicKey) {
    const curveOid = alg.parameters ? namedCurveOf(alg.parameters) : null;
    return curveFromOid(curveOid);
  }
  return { ok: false, algorithm: OTHER_NAMES[alg.algorithm] ?? `algorithm ${alg.algorithm}` };
}

export function curveFromOid(oid: string | null): KeyTypeResult {
  const curve = oid ? CURVES[oid] : undefined;
  if (curve) return { ok: true, type: { kind: "EC", curve } };
  return { ok: false, algorithm: oid ? OTHER_NAMES[oid] ?? `EC curve ${oid}` : "EC with explicit curve parameters" };
}

function namedCurveOf(parameters: ArrayBuffer): string | null {
  try {
    return AsnConvert.parse(parameters, ECParameters).namedCurve ?? null;
  } catch {
    return null;
  }
}

/** WebCrypto import parameters: RSA keys are imported for PKCS#1 v1.5 signatures, which every RSA key can make. */
export function importParams(type: KeyType): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  switch (type.kind) {
    case "RSA": return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    case "EC": return { name: "ECDSA", namedCurve: type.curve };
    case "Ed25519": return { name: "Ed25519" };
  }
}

export function signParams(type: KeyType): Algorithm | EcdsaParams {
  return type.kind === "EC" ? { name: "ECDSA", hash: "SHA-256" } : { name: importParams(type).name };
}

export function describeKeyType(type: KeyType): string {
  return type.kind === "EC" ? `EC ${type.curve}` : type.kind;
}

export const sameKeyType = (a: KeyType, b: KeyType): boolean =>
  a.kind === b.kind && (a.kind !== "EC" || (b.kind === "EC" && a.curve === b.curve));

/** WebCrypto, which browsers only offer on secure pages (HTTPS, localhost); Node always has it. */
export const subtleCrypto = (): SubtleCrypto | null => globalThis.crypto?.subtle ?? null;

export const NO_WEBCRYPTO = "This page cannot check private keys: the browser offers WebCrypto on HTTPS pages only.";
