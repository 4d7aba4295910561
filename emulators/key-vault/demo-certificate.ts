// @peculiar/x509 resolves its ASN.1 schemas through decorators: the Reflect polyfill must load first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

const crypto = webcrypto as unknown as Crypto;
const EC: EcKeyGenParams & EcdsaParams = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const DAY = 24 * 60 * 60 * 1000;

/**
 * A small self-signed CA certificate (P-256, a few hundred bytes of DER) for the demo's OPC UA trust list: a real
 * certificate, so whatever parses the synced file (the portal, an OPC UA stack) sees what a customer's would be.
 * Generated at seeding time, never committed; its key is thrown away (nothing signs with it).
 */
export async function demoCaCertificateDer(commonName: string): Promise<Buffer> {
  const keys = await crypto.subtle.generateKey(EC, false, ["sign", "verify"]);
  const serial = crypto.getRandomValues(new Uint8Array(8));
  serial[0] = (serial[0] ?? 0) & 0x7f;                  // RFC 5280: a positive serial
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(serial).toString("hex"),
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 5 * 365 * DAY),
    signingAlgorithm: EC,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  }, crypto);
  return Buffer.from(cert.rawData);
}
