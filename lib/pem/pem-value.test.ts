import { describe, expect, it } from "vitest";
import { isPemContentType, pemValueProblem } from "./pem-value";
import { ecPair, encryptedPkcs8Pem } from "./testing/pem-fixtures";

describe("a rotated PEM value", () => {
  it("accepts certificates, a key, or a key with its chain", async () => {
    const p = await ecPair();
    expect(await pemValueProblem(p.certPem)).toBeNull();
    expect(await pemValueProblem(p.keyPem)).toBeNull();
    expect(await pemValueProblem(`${p.keyPem}\n${p.certPem}`)).toBeNull();
  });

  it("refuses text without PEM, a broken block and an encrypted key, naming no secret text", async () => {
    const p = await ecPair();
    expect((await pemValueProblem("hunter2-not-pem"))?.code).toBe("not-pem");
    expect((await pemValueProblem(p.certPem.replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!")))?.code).toMatch(/malformed|unreadable/);
    const encrypted = await pemValueProblem(encryptedPkcs8Pem(p.privateKey));
    expect(encrypted?.code).toBe("encrypted");
    expect(JSON.stringify(encrypted)).not.toContain("hunter2");
  });

  it("knows PEM content types", () => {
    expect(["application/x-pem-file", "application/pem-certificate-chain"].every(isPemContentType)).toBe(true);
    expect(["text/plain", "application/x-pkcs12", "application/pkix-cert", null].some(isPemContentType)).toBe(false);
  });
});
