import { beforeAll, describe, expect, it } from "vitest";
import { createDeviceBody, deviceForm } from "@/lib/schemas/device-form";
import { encryptedPkcs8Pem, rsaPair, type Pair } from "./testing/pem-fixtures";

/** The PEM refinement of the device form schema, as the route (safeParseAsync) and the form's resolver run it. */
let pair: Pair;
let other: Pair;
beforeAll(async () => {
  [pair, other] = await Promise.all([rsaPair(), rsaPair()]);
});

const created = (keyVaultSecretName: string, value: string) => ({ source: "new" as const, keyVaultSecretName, value });
const existing = (keyVaultSecretName: string) => ({ source: "existing" as const, keyVaultSecretName });

const form = (authentication: Record<string, unknown>, trustList: unknown = null) => ({
  name: "line-2",
  endpoints: [{
    name: "opc", endpointType: "Microsoft.OpcUa", address: "opc.tcp://10.0.0.12:4840", syncedSecretName: "line-2-opc",
    trustList, authentication: { method: "Certificate", ...authentication },
  }],
});

async function issues(input: unknown) {
  const result = await deviceForm.safeParseAsync(input);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message] as const);
}

describe("device form: PEM of new references", () => {
  it("accepts a new certificate with its own new key, and parses without PEM synchronously", async () => {
    expect(await issues(form({ certificate: created("c", pair.certPem), key: created("k", pair.keyPem) }))).toEqual([]);
    expect(deviceForm.safeParse(form({ certificate: existing("c"), key: existing("k") })).success).toBe(true);
  });

  it("refuses a key that does not belong to the new certificate, at authentication.key", async () => {
    const found = await issues(form({ certificate: created("c", pair.certPem), key: created("k", other.keyPem) }));
    expect(found).toEqual([["endpoints.0.authentication.key", expect.stringContaining("does not belong to the certificate")]]);
  });

  it("refuses a password-protected new key and a new certificate that is not PEM", async () => {
    const found = await issues(form({ certificate: created("c", "MIIB"), key: created("k", encryptedPkcs8Pem(pair.privateKey)) }));
    expect(found.map(([path]) => path)).toEqual(["endpoints.0.authentication.certificate", "endpoints.0.authentication.key"]);
    expect(found[1]?.[1]).toContain("protected by a password");
  });

  it("checks new intermediates and trust lists are certificates; existing ones are not read", async () => {
    const found = await issues(form(
      { certificate: existing("c"), key: existing("k"), intermediateCertificates: created("i", pair.keyPem) },
      created("t", pair.certPem + other.certPem),
    ));
    expect(found).toEqual([["endpoints.0.authentication.intermediateCertificates", expect.stringContaining("is a private key")]]);
    const trust = await issues(form({ certificate: existing("c"), key: existing("k") }, created("t", "not pem")));
    expect(trust.map(([path]) => path)).toEqual(["endpoints.0.trustList"]);
  });

  it("request bodies run the same checks once, with the cross-endpoint rules", async () => {
    const body = { ...form({ certificate: created("c", pair.certPem), key: created("k", other.keyPem) }), idempotencyKey: crypto.randomUUID() };
    const result = await createDeviceBody.safeParseAsync(body);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual(["endpoints.0.authentication.key"]);
  });
});
