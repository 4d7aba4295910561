import { generateKeyPair, decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFreshStack, type FreshStack } from "./fresh-stack";
import { malformedHookRequests } from "./malformed-hook-requests";
import { malformedIdentityRequests } from "./malformed-identity-requests";
import { malformedVaultRequests } from "./malformed-vault-requests";
import { rawRequest } from "./raw-request";
import { sendAll, unclearBodies, wrongStatuses } from "./send-all";

/**
 * A few hundred malformed requests against the identity stand-in's token endpoint and the Key Vault stand-in:
 * no 5xx, no dropped connection, a body that says what was wrong, and both still serve real clients afterwards.
 */
let stack: FreshStack;
let ca: string;

async function token(scope: string): Promise<string> {
  const c = stack.endpoints.automationClient;
  const res = await rawRequest({ url: stack.endpoints.tokenEndpoint, method: "POST", ca,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, scope }).toString() });
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

/** The real token's claims and kid, signed by a key the issuer never published. */
async function forge(real: string): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT(decodeJwt(real)).setProtectedHeader({ alg: "RS256", kid: decodeProtectedHeader(real).kid, typ: "JWT" })
    .sign(privateKey);
}

async function vaultGet(path: string, bearer: string) {
  return rawRequest({ url: new URL(path, stack.endpoints.keyVaultUrl).href, ca, headers: { authorization: `Bearer ${bearer}` } });
}

beforeAll(async () => {
  stack = await startFreshStack("bad-input");
  ca = await readFile(stack.endpoints.caFile, "utf8");
});
afterAll(async () => {
  await stack?.stop();
});

describe("bad input", () => {
  it("identity token endpoint: every malformed request is refused with an Entra error, and tokens are still issued", async () => {
    const c = stack.endpoints.automationClient;
    const requests = malformedIdentityRequests({ tenantId: stack.endpoints.tenantId, clientId: c.clientId,
      clientSecret: c.clientSecret, otherSecret: "not-the-secret" });
    expect(requests.length).toBeGreaterThanOrEqual(150);
    const answers = await sendAll(stack.endpoints.authorityHost, ca, requests);

    expect.soft(wrongStatuses(answers)).toEqual([]);
    // Entra's shape: `error` plus an `error_description` that starts with the AADSTS code MSAL shows to users.
    expect.soft(unclearBodies(answers, (b) => {
      const body = b as { error?: unknown; error_description?: unknown };
      return typeof body.error === "string" &&
        (body.error === "not_found" || (typeof body.error_description === "string" && /^AADSTS\d+: \S/.test(body.error_description)));
    })).toEqual([]);
    expect(await token("https://vault.azure.net/.default")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("Key Vault: every malformed request is refused with an Azure error body, and the vault still serves its data", async () => {
    const valid = await token("https://vault.azure.net/.default");
    const tokens = { valid, otherAudience: await token(`api://${stack.endpoints.automationClient.clientId}/.default`),
      forged: await forge(valid) };
    const setup = await rawRequest({ url: `${stack.endpoints.keyVaultUrl}secrets/bad-input-a?api-version=7.6`, method: "PUT", ca,
      headers: { authorization: `Bearer ${valid}`, "content-type": "application/json" }, body: '{"value":"kept"}' });
    expect(setup.status, setup.body).toBe(200);

    const requests = malformedVaultRequests(tokens);
    expect(requests.length).toBeGreaterThanOrEqual(150);
    const answers = await sendAll(stack.endpoints.keyVaultUrl, ca, requests);

    expect.soft(wrongStatuses(answers)).toEqual([]);
    expect.soft(unclearBodies(answers, (b) => {
      const error = (b as { error?: { code?: unknown; message?: unknown } }).error;
      return typeof error?.code === "string" && typeof error.message === "string" && error.message.length > 0;
    })).toEqual([]);
    // 401s carry the challenge, so a client can recover by fetching a token.
    for (const a of answers.filter((x) => x.status === 401)) expect(a.body).toMatch(/Unauthorized/);

    const after = await vaultGet("/secrets/bad-input-a?api-version=7.6", valid);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ value: "kept" });
    expect((await vaultGet("/secrets?api-version=7.6", valid)).status).toBe(200);
  });

  it("test hooks of both stand-ins refuse malformed settings and install nothing", async () => {
    const valid = await token("https://vault.azure.net/.default");
    const hookBodyIsClear = (b: unknown) => {
      const body = b as { error?: unknown; error_description?: unknown };
      const azure = body.error as { code?: unknown; message?: unknown } | undefined;
      return (typeof azure?.code === "string" && typeof azure.message === "string") ||   // Key Vault: Azure shape
        (typeof body.error === "string" && typeof body.error_description === "string"); // identity: Entra shape
    };
    for (const base of [stack.endpoints.keyVaultUrl, stack.endpoints.authorityHost]) {
      const answers = await sendAll(base, ca, malformedHookRequests(valid), 4);
      expect.soft(wrongStatuses(answers)).toEqual([]);
      expect.soft(unclearBodies(answers, hookBodyIsClear)).toEqual([]);
      const faults = await rawRequest({ url: `${base}_stack/faults`, ca, headers: { authorization: `Bearer ${valid}` } });
      expect(faults.status).toBe(200);
      expect(JSON.parse(faults.body)).toEqual({ faults: [] });
      const latency = await rawRequest({ url: `${base}_stack/latency`, ca, headers: { authorization: `Bearer ${valid}` } });
      expect(JSON.parse(latency.body)).toEqual({ ms: 0 });
    }
  });
});
