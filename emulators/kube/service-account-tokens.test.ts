import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ServiceAccountIssuer, tokenRequestErrors } from "./service-account-tokens";

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "sa-issuer-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe("service-account token issuer", () => {
  it("signs tokens a relying party can verify through the published JWKS, with Kubernetes' claims", async () => {
    const issuer = await ServiceAccountIssuer.open(join(dir, "key.json"));
    issuer.setIssuer("https://127.0.0.1:6443/");
    const sa = { namespace: "azure-iot-operations", name: "aio-ssc-sa", uid: "0b6c-uid" };
    const issued = await issuer.issue(sa, { audiences: ["api://AzureADTokenExchange"], expirationSeconds: 900 });

    expect(issuer.openIdConfiguration()).toMatchObject({
      issuer: "https://127.0.0.1:6443", jwks_uri: "https://127.0.0.1:6443/openid/v1/jwks",
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const { payload } = await jwtVerify(issued.token, createLocalJWKSet(issuer.jwks()), {
      issuer: "https://127.0.0.1:6443", audience: "api://AzureADTokenExchange",
    });
    expect(payload.sub).toBe("system:serviceaccount:azure-iot-operations:aio-ssc-sa");
    expect(payload["kubernetes.io"]).toEqual({ namespace: "azure-iot-operations", serviceaccount: { name: "aio-ssc-sa", uid: "0b6c-uid" } });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.nbf).toBe(payload.iat);
    expect(decodeProtectedHeader(issued.token)).toMatchObject({ alg: "RS256", kid: issuer.jwks().keys[0]!.kid });
    expect(issued.expirationTimestamp).toBe(new Date(payload.exp! * 1000).toISOString().replace(".000Z", "Z"));
    await expect(issuer.verify(issued.token)).rejects.toThrow();            // not for the API server's audience
    await expect(issuer.verify((await issuer.issue(sa)).token)).resolves.toMatchObject({ aud: ["https://127.0.0.1:6443"] });
  });

  it("keeps its key across restarts, private to the owner", async () => {
    const file = join(dir, "key.json");
    const first = await ServiceAccountIssuer.open(file);
    const second = await ServiceAccountIssuer.open(file);
    expect(second.jwks()).toEqual(first.jwks());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(first.jwks())).not.toMatch(/"d":/);
  });

  it("refuses lifetimes kube-apiserver refuses", () => {
    expect(tokenRequestErrors({ expirationSeconds: 3600, audiences: ["a"] })).toEqual([]);
    expect(tokenRequestErrors({})).toEqual([]);
    expect(tokenRequestErrors({ expirationSeconds: 60 })).toEqual([
      { field: "spec.expirationSeconds", message: "may not specify a duration less than 10 minutes" }]);
    expect(tokenRequestErrors({ audiences: [""] })[0]?.field).toBe("spec.audiences");
  });
});
