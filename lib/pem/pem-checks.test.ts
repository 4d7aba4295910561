import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCertificatePem, checkCertificatesPem } from "./certificate";
import { checkPemForRole } from "./certificate-role";
import { checkKeyMatchesCertificate } from "./key-match";
import { checkPrivateKeyPem } from "./private-key";
import { ecPair, encryptedPkcs8Pem, legacyEncryptedPem, rsaPair, traditionalPem, type Pair } from "./testing/pem-fixtures";

const DAY = 86_400_000;
let rsa: Pair;
let otherRsa: Pair;
let ec: Pair;
let expired: Pair;

beforeAll(async () => {
  [rsa, otherRsa, ec, expired] = await Promise.all([
    rsaPair({ subject: "CN=line-2 client, O=Contoso" }),
    rsaPair(),
    ecPair(),
    rsaPair({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) }),
  ]);
});

/** The PEM body lines of the first block (between BEGIN and END). */
const bodyLines = (pem: string) => pem.trim().split("\n").slice(1, -1);
const replaceBody = (pem: string, lines: string[]) => {
  const all = pem.trim().split("\n");
  return [all[0], ...lines, all[all.length - 1]].join("\n") + "\n";
};

describe("checkCertificatePem", () => {
  it("reads a certificate: subject, issuer and validity", () => {
    const check = checkCertificatePem(rsa.certPem);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.certificate.subject).toBe("CN=line-2 client, O=Contoso");
    expect(Date.parse(check.certificate.notAfter)).toBeGreaterThan(Date.now());
    expect(check.certificate.expired).toBe(false);
  });

  it("shows an expired certificate as expired but does not refuse it", () => {
    const check = checkCertificatePem(expired.certPem);
    expect(check).toMatchObject({ ok: true, certificate: { expired: true } });
  });

  it("accepts text around the blocks (openssl's Bag Attributes) and CRLF line ends", () => {
    const text = `Bag Attributes\r\n    localKeyID: 01 00 00 00\r\nsubject=CN = line-2 client\r\n${rsa.certPem.replace(/\n/g, "\r\n")}`;
    expect(checkCertificatePem(text).ok).toBe(true);
  });

  it("refuses base64 that is not base64", () => {
    const starred = bodyLines(rsa.certPem).map((l, i) => (i === 3 ? `${l.slice(0, 10)}*${l.slice(11)}` : l));
    expect(checkCertificatePem(replaceBody(rsa.certPem, starred))).toMatchObject({ ok: false, problem: { code: "malformed" } });
    const short = bodyLines(rsa.certPem).map((l, i) => (i === 2 ? l.slice(1) : l)); // a character lost when copying
    expect(checkCertificatePem(replaceBody(rsa.certPem, short))).toMatchObject({ ok: false, problem: { code: "malformed" } });
  });

  it("refuses a block cut off before its END line, naming where it begins", () => {
    const cut = rsa.certPem.slice(0, rsa.certPem.length / 2);
    const check = checkCertificatePem(cut);
    expect(check).toMatchObject({ ok: false, problem: { code: "truncated" } });
    if (!check.ok) expect(check.problem.message).toContain("line 1");
  });

  it("refuses a block whose END label differs, and an END without BEGIN", () => {
    const swapped = rsa.certPem.replace("-----END CERTIFICATE-----", "-----END PRIVATE KEY-----");
    expect(checkCertificatePem(swapped)).toMatchObject({ ok: false, problem: { code: "malformed" } });
    expect(checkCertificatePem(rsa.certPem.replace(/-----BEGIN CERTIFICATE-----\n/, ""))).toMatchObject({ ok: false, problem: { code: "malformed" } });
  });

  it("refuses a well-formed block whose content is not a whole certificate", () => {
    const damaged = Buffer.from(rsa.certDer.slice(0, 300)).toString("base64");
    const pem = `-----BEGIN CERTIFICATE-----\n${damaged.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
    expect(checkCertificatePem(pem)).toMatchObject({ ok: false, problem: { code: "unreadable" } });
  });

  it("refuses text without PEM, giving the DER conversion command", () => {
    const check = checkCertificatePem(Buffer.from(rsa.certDer).toString("base64"));
    expect(check).toMatchObject({ ok: false, problem: { code: "not-pem", commands: ["openssl x509 -inform der -in cert.der -out cert.pem"] } });
  });

  it("refuses a key, and more than one certificate, in the certificate field", () => {
    expect(checkCertificatePem(rsa.keyPem)).toMatchObject({ ok: false, problem: { code: "wrong-kind" } });
    const two = checkCertificatePem(rsa.certPem + otherRsa.certPem);
    expect(two).toMatchObject({ ok: false, problem: { code: "wrong-kind" } });
    if (!two.ok) expect(two.problem.message).toContain("intermediate certificates");
  });

  it("reads a bundle of certificates (intermediates, trust list) in order", () => {
    const check = checkCertificatesPem(rsa.certPem + ec.certPem);
    expect(check.ok && check.certificates.map((c) => c.subject)).toEqual(["CN=line-2 client, O=Contoso", "CN=opc-client, O=Contoso"]);
    expect(checkCertificatesPem("")).toMatchObject({ ok: false, problem: { code: "empty" } });
  });
});

describe("checkPrivateKeyPem", () => {
  it("reads PKCS #8, PKCS #1 and SEC1 keys", async () => {
    expect(await checkPrivateKeyPem(rsa.keyPem)).toEqual({ ok: true, key: { format: "PKCS #8", algorithm: "RSA 2048-bit" } });
    expect(await checkPrivateKeyPem(traditionalPem(rsa.privateKey))).toEqual({ ok: true, key: { format: "PKCS #1", algorithm: "RSA 2048-bit" } });
    expect(await checkPrivateKeyPem(traditionalPem(ec.privateKey))).toEqual({ ok: true, key: { format: "SEC1", algorithm: "EC P-256" } });
    expect(await checkPrivateKeyPem(ec.keyPem)).toEqual({ ok: true, key: { format: "PKCS #8", algorithm: "EC P-256" } });
    const ed = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(await checkPrivateKeyPem(ed)).toEqual({ ok: true, key: { format: "PKCS #8", algorithm: "Ed25519" } });
  });

  it("reads `openssl ecparam -genkey` output: EC PARAMETERS before the key", async () => {
    const params = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    expect(await checkPrivateKeyPem(params + traditionalPem(ec.privateKey))).toMatchObject({ ok: true, key: { algorithm: "EC P-256" } });
  });

  it("refuses password-protected keys, PKCS #8 and traditional, with the command that removes the password", async () => {
    for (const pem of [encryptedPkcs8Pem(rsa.privateKey), legacyEncryptedPem(rsa.privateKey)]) {
      const check = await checkPrivateKeyPem(pem);
      expect(check).toMatchObject({ ok: false, problem: { code: "encrypted" } });
      if (!check.ok) expect(check.problem.commands?.[0]).toMatch(/^openssl pkey -in /);
    }
  });

  it("refuses a certificate, two keys, and key types WebCrypto cannot check", async () => {
    expect(await checkPrivateKeyPem(rsa.certPem)).toMatchObject({ ok: false, problem: { code: "wrong-kind" } });
    expect(await checkPrivateKeyPem(rsa.keyPem + ec.keyPem)).toMatchObject({ ok: false, problem: { code: "wrong-kind" } });
    const ed448 = generateKeyPairSync("ed448").privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const check = await checkPrivateKeyPem(ed448);
    expect(check).toMatchObject({ ok: false, problem: { code: "unsupported" } });
    if (!check.ok) expect(check.problem.message).toContain("Ed448");
  });

  it("refuses a damaged key and DER text", async () => {
    // The key generated for this run, cut to its first body line: well-formed PEM around a truncated key.
    const lines = rsa.keyPem.trim().split("\n");
    const junk = [lines[0], lines[1], lines[lines.length - 1]].join("\n") + "\n";
    expect(await checkPrivateKeyPem(junk)).toMatchObject({ ok: false, problem: { code: "unreadable" } });
    expect(await checkPrivateKeyPem(Buffer.from(rsa.keyDer).toString("base64"))).toMatchObject({
      ok: false, problem: { code: "not-pem", commands: ["openssl pkey -inform der -in key.der -out key.pem"] },
    });
  });
});

describe("checkKeyMatchesCertificate", () => {
  it("accepts a key that belongs to the certificate, in any key format", async () => {
    expect(await checkKeyMatchesCertificate(rsa.certPem, rsa.keyPem)).toEqual({ ok: true });
    expect(await checkKeyMatchesCertificate(rsa.certPem, traditionalPem(rsa.privateKey))).toEqual({ ok: true });
    expect(await checkKeyMatchesCertificate(ec.certPem, traditionalPem(ec.privateKey))).toEqual({ ok: true });
    expect(await checkKeyMatchesCertificate(expired.certPem, expired.keyPem)).toEqual({ ok: true });
  });

  it("refuses another key of the same type, and a key of another type", async () => {
    const other = await checkKeyMatchesCertificate(rsa.certPem, otherRsa.keyPem);
    expect(other).toMatchObject({ ok: false, in: "pair", problem: { code: "mismatch" } });
    if (!other.ok) expect(other.problem.message).toContain("CN=line-2 client");
    const type = await checkKeyMatchesCertificate(rsa.certPem, ec.keyPem);
    expect(type).toMatchObject({ ok: false, in: "pair", problem: { code: "mismatch" } });
    if (!type.ok) expect(type.problem.message).toContain("the key is EC P-256, the certificate's public key is RSA");
  });

  it("says which half is broken when one is", async () => {
    expect(await checkKeyMatchesCertificate("", rsa.keyPem)).toMatchObject({ ok: false, in: "certificate" });
    expect(await checkKeyMatchesCertificate(rsa.certPem, encryptedPkcs8Pem(rsa.privateKey))).toMatchObject({ ok: false, in: "key" });
  });
});

describe("checkPemForRole", () => {
  it("checks a key against its new certificate (a certificate against its key: warning only), and ignores a counterpart that is broken itself", async () => {
    expect(await checkPemForRole("key", rsa.keyPem, { counterpartPem: rsa.certPem })).toMatchObject({ ok: true, matched: true });
    expect(await checkPemForRole("key", otherRsa.keyPem, { counterpartPem: rsa.certPem })).toMatchObject({
      ok: false, problem: { code: "mismatch" },
    });
    // A certificate whose key does not fit is a warning: the operator may be replacing the pair, certificate first.
    expect(await checkPemForRole("certificate", rsa.certPem, { counterpartPem: otherRsa.keyPem })).toMatchObject({
      ok: true, matched: false, pairWarning: { code: "mismatch" },
    });
    expect(await checkPemForRole("key", rsa.keyPem, { counterpartPem: "not yet" })).toMatchObject({ ok: true, matched: false });
    expect(await checkPemForRole("trustList", rsa.certPem + ec.certPem)).toMatchObject({ ok: true, certificates: [{}, {}] });
  });
});

describe("parsePemBlocks", () => {
  it("says so when two files were joined without a line break", () => {
    const joined = rsa.certPem.trimEnd() + otherRsa.certPem;
    const check = checkCertificatesPem(joined);
    expect(check).toMatchObject({ ok: false, problem: { code: "malformed" } });
    if (!check.ok) expect(check.problem.message).toContain("put a line break between them");
  });
});
