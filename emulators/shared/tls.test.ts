import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, createServer, type Server } from "node:tls";
import * as x509 from "@peculiar/x509";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureTlsMaterial, localCaName, readLocalCa } from "./tls";

const crypto = webcrypto as unknown as Crypto;
const RSA: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048,
};
const DAY = 86_400_000;
let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "tls-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** Serves `cert` on loopback and connects to it the way Node clients do (OpenSSL checks the whole chain). */
async function handshake(cert: string, key: string, ca: string, host: string, servername?: string): Promise<string> {
  const server: Server = createServer({ cert, key }, (s) => s.end());
  await new Promise<void>((r) => server.listen(0, host === "::1" ? "::1" : "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<string>((resolve) => {
      const socket = connect({ host, port, ca, servername }, () => { socket.end(); resolve("ok"); });
      socket.on("error", (err) => resolve(err.message));
    });
  } finally {
    server.close();
  }
}

async function leafFor(dnsName: string, caDir: string): Promise<{ cert: string; key: string }> {
  const ca = new x509.X509Certificate(await readFile(join(caDir, "ca.pem"), "utf8"));
  const caKey = await crypto.subtle.importKey("pkcs8",
    x509.PemConverter.decodeFirst(await readFile(join(caDir, "ca-key.pem"), "utf8")), RSA, false, ["sign"]);
  const keys = await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: "01", subject: `CN=${dnsName}`, issuer: ca.subject, notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY), signingAlgorithm: RSA, publicKey: keys.publicKey, signingKey: caKey,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: "dns", value: dnsName }])],
  }, crypto);
  const key = x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
  return { cert: cert.toString("pem"), key };
}

const ipv6 = await new Promise<boolean>((r) => {
  const s = createServer().once("error", () => r(false));
  s.listen(0, "::1", () => s.close(() => r(true)));
});

describe("the local CA", () => {
  it("is name-constrained (critical) to localhost, 127.0.0.1 and ::1, and named after its data folder", async () => {
    const tls = await ensureTlsMaterial(dir);
    const ca = new x509.X509Certificate(tls.ca);
    const nc = ca.getExtension("2.5.29.30");
    expect(nc?.critical).toBe(true);
    expect(ca.subject).toContain(`CN=${localCaName(dir)}`);
    expect(await readLocalCa(dir)).toMatchObject({ caFile: tls.caFile, constrained: true });
  });

  it("vouches for the stand-ins on every name they are reached by", async () => {
    const tls = await ensureTlsMaterial(dir);
    expect(await handshake(tls.cert, tls.key, tls.ca, "127.0.0.1")).toBe("ok");
    expect(await handshake(tls.cert, tls.key, tls.ca, "127.0.0.1", "localhost")).toBe("ok");
    if (ipv6) expect(await handshake(tls.cert, tls.key, tls.ca, "::1")).toBe("ok");
  });

  it("cannot vouch for any other site, even with its key", async () => {
    const tls = await ensureTlsMaterial(dir);
    const forged = await leafFor("login.microsoftonline.com", dir);
    expect(await handshake(forged.cert, forged.key, tls.ca, "127.0.0.1", "login.microsoftonline.com"))
      .toMatch(/permitted subtree violation/);
  });

  it("replaces an older CA without name constraints, and the server certificate it signed", async () => {
    const keys = await crypto.subtle.generateKey(RSA, true, ["sign", "verify"]);
    const old = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01", name: "CN=Ops Portal local stack CA", notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 3650 * DAY), signingAlgorithm: RSA, keys,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    }, crypto);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "ca.pem"), old.toString("pem"));
    await writeFile(join(dir, "ca-key.pem"),
      x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY"));
    expect((await readLocalCa(dir))?.constrained).toBe(false);

    const tls = await ensureTlsMaterial(dir);
    const ca = new x509.X509Certificate(tls.ca);
    expect(ca.serialNumber).not.toBe(old.serialNumber);
    expect(ca.getExtension("2.5.29.30")).toBeTruthy();
    expect(await new x509.X509Certificate(tls.cert).verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);
    expect(await handshake(tls.cert, tls.key, tls.ca, "127.0.0.1")).toBe("ok");
  });
});
