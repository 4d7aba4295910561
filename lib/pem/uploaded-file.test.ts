import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { ContentInfo } from "@peculiar/asn1-cms";
import { PFX } from "@peculiar/asn1-pfx";
import { beforeAll, describe, expect, it } from "vitest";
import { rsaPair, type Pair } from "./testing/pem-fixtures";
import { textOfUpload } from "./uploaded-file";

let rsa: Pair;
beforeAll(async () => {
  rsa = await rsaPair();
});

const bytes = (s: string) => new TextEncoder().encode(s);

/** A PKCS #12 shell: enough structure to be recognised as PFX (the checks never decrypt it). */
function pfxBytes(): Uint8Array {
  const authSafe = new ContentInfo({ contentType: "1.2.840.113549.1.7.1", content: AsnConvert.serialize(new OctetString(new Uint8Array([1, 2, 3]))) });
  return new Uint8Array(AsnConvert.serialize(new PFX({ version: 3, authSafe })));
}

describe("textOfUpload", () => {
  it("keeps PEM text exactly: BOM and CRLF included", () => {
    const text = `\uFEFF${rsa.certPem.replace(/\n/g, "\r\n")}`;
    const encoded = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text.slice(1))]);
    expect(textOfUpload(encoded, "cert.pem", "certificate")).toEqual({ ok: true, text });
  });

  it("refuses a DER certificate with the openssl command that converts it, using the file's name", () => {
    expect(textOfUpload(rsa.certDer, "device cert.cer", "certificate")).toMatchObject({
      ok: false, problem: { code: "binary", commands: ["openssl x509 -inform der -in 'device cert.cer' -out cert.pem"] },
    });
  });

  it("refuses a DER private key with the openssl pkey command", () => {
    expect(textOfUpload(rsa.keyDer, "key.der", "key")).toMatchObject({
      ok: false, problem: { code: "binary", commands: ["openssl pkey -inform der -in key.der -out key.pem"] },
    });
  });

  it("refuses a PFX with the commands that extract the certificate and the key", () => {
    const cert = textOfUpload(pfxBytes(), "client.bin", "certificate");
    expect(cert).toMatchObject({ ok: false, problem: { code: "binary" } });
    if (!cert.ok) {
      expect(cert.problem.commands).toEqual([
        "openssl pkcs12 -in client.bin -clcerts -nokeys -out cert.pem",
        "openssl pkcs12 -in client.bin -nocerts -nodes -out key.pem",
      ]);
    }
    // A PFX recognised by its name when its content is not: the key command comes first in the key field.
    const key = textOfUpload(new Uint8Array([0x30, 0x82, 0xff, 0xff, 0x00]), "client.p12", "key");
    if (!key.ok) expect(key.problem.commands?.[0]).toBe("openssl pkcs12 -in client.p12 -nocerts -nodes -out key.pem");
    else expect.fail("a PFX must be refused");
  });

  it("refuses binary files in plain secret fields, and passes text through", () => {
    expect(textOfUpload(new Uint8Array([0xff, 0xfe, 0x00]), "secret.bin", null)).toMatchObject({ ok: false, problem: { code: "binary" } });
    expect(textOfUpload(bytes("p@ss\nword"), "password.txt", null)).toEqual({ ok: true, text: "p@ss\nword" });
  });

  it("passes text without PEM on to the PEM checks (they name what is missing)", () => {
    expect(textOfUpload(bytes("hello"), "cert.txt", "certificate")).toEqual({ ok: true, text: "hello" });
  });
});
