import { AsnConvert } from "@peculiar/asn1-schema";
import { SubjectPublicKeyInfo } from "@peculiar/asn1-x509";
import { readCertificates } from "./certificate";
import { describeKeyType, importParams, keyTypeOf, sameKeyType, signParams, subtleCrypto } from "./key-algorithm";
import { readPrivateKey } from "./private-key";
import { problem, type PemProblem } from "./problem";

/** `in` says where the problem is: one half (its own check says the same), or the pair itself. */
export type KeyMatchCheck = { ok: true } | { ok: false; problem: PemProblem; in: "certificate" | "key" | "pair" };

/**
 * Does the private key belong to the certificate? The key signs random bytes and the certificate's public key must
 * verify them — the same proof a TLS handshake asks for, so a pair that passes here works on the wire.
 * Problems with the certificate or key themselves come back as their own checks give them; `mismatch` means both
 * are fine but do not belong together.
 */
export async function checkKeyMatchesCertificate(certificatePem: string, keyPem: string): Promise<KeyMatchCheck> {
  const certs = readCertificates(certificatePem);
  if (!certs.ok) return { ...certs, in: "certificate" };
  const key = await readPrivateKey(keyPem);
  if (!key.ok) return { ...key, in: "key" };

  const cert = certs.certificates[0];
  const spki = AsnConvert.parse(cert.publicKey.rawData, SubjectPublicKeyInfo);
  const certType = keyTypeOf(spki.algorithm);
  if (!certType.ok) {
    return fail("unsupported", `The certificate has a ${certType.algorithm} public key; the portal can match RSA, EC (P-256, P-384, P-521) ` +
      `and Ed25519 keys only.`);
  }
  if (!sameKeyType(certType.type, key.key.type)) {
    return fail("mismatch", `The private key does not belong to the certificate: the key is ${describeKeyType(key.key.type)}, ` +
      `the certificate's public key is ${describeKeyType(certType.type)}.`);
  }
  // readPrivateKey succeeded, so WebCrypto is there.
  const subtle = subtleCrypto() as SubtleCrypto;
  try {
    const publicKey = await subtle.importKey("spki", cert.publicKey.rawData, importParams(certType.type), false, ["verify"]);
    const challenge = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const signature = await subtle.sign(signParams(key.key.type), key.key.cryptoKey, challenge);
    if (await subtle.verify(signParams(certType.type), publicKey, signature, challenge)) return { ok: true };
  } catch {
    // A public key WebCrypto refuses, or a sign that fails, is no proof of a match either.
  }
  return fail("mismatch", `The private key does not belong to the certificate (${cert.subject}): a signature made with the key ` +
    `does not verify with the certificate's public key.`);
}

const fail = (code: PemProblem["code"], message: string): KeyMatchCheck => ({ ok: false, problem: problem(code, message), in: "pair" });
