import { Agent } from "node:https";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClientAssertionCredential, ClientSecretCredential, WorkloadIdentityCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackLayout } from "../shared/layout";
import { startStack, type RunningStack } from "../stack";
import { TOKEN_EXCHANGE_AUDIENCE } from "./federation";
import { IdentityStore } from "./store";
import { httpsJson } from "./test-support";
import { ensureWorkloadIdentity } from "./workload-identity";

const SUBJECT = "system:serviceaccount:azure-iot-operations:aio-ssc-sa";
const sa = { namespace: "azure-iot-operations", name: "aio-ssc-sa", uid: "0b0e4f4e-1111-4222-8333-444455556666" };
let dir: string;
let stack: RunningStack;
let store: IdentityStore;
let agent: Agent;
let identity: { clientId: string; objectId: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "workload-identity-"));
  stack = await startStack({ dataDir: dir });
  agent = new Agent({ ca: await readFile(stack.endpoints.caFile, "utf8") });
  // A second store on the same state file, as the seed (or the CLI) would write it; the stack re-reads on change.
  store = await IdentityStore.open(stackLayout(dir).identityDir);
  ({ identity } = await ensureWorkloadIdentity(store, {
    identity: "aio-secret-sync", issuer: stack.cluster.serviceAccounts.issuer, subject: SUBJECT,
    roles: ["Key Vault Secrets User", "Key Vault Reader"],
  }));
  const e = stack.endpoints;
  const automation = new ClientSecretCredential(e.tenantId, e.automationClient.clientId, e.automationClient.clientSecret,
    { authorityHost: e.authorityHost, disableInstanceDiscovery: true, agent });
  await vault(automation).setSecret("mqtt-password", "from-key-vault");
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

const vault = (credential: ConstructorParameters<typeof SecretClient>[1]) =>
  new SecretClient(stack.endpoints.keyVaultUrl, credential, { disableChallengeResourceVerification: true, agent });
const options = () => ({ authorityHost: stack.endpoints.authorityHost, disableInstanceDiscovery: true, agent });
/** A service-account token from the Kubernetes stand-in, as the projected token of a workload identity pod. */
const saToken = async (o: { audiences?: string[]; name?: string; now?: number } = {}) =>
  (await stack.cluster.serviceAccounts.issue({ ...sa, name: o.name ?? sa.name },
    { audiences: o.audiences ?? [TOKEN_EXCHANGE_AUDIENCE], now: o.now })).token;

/** The raw token request a workload identity client sends; returns Entra's answer. */
async function exchange(assertion: string, clientId = identity.clientId) {
  return httpsJson("POST", stack.endpoints.tokenEndpoint, {
    ca: await readFile(stack.endpoints.caFile, "utf8"),
    body: new URLSearchParams({
      grant_type: "client_credentials", client_id: clientId, scope: "https://vault.azure.net/.default",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion,
    }).toString(),
  });
}

describe("workload identity: a service-account token exchanged for the managed identity's Key Vault token", () => {
  it("ClientAssertionCredential reads a secret with the managed identity's role assignments", async () => {
    const credential = new ClientAssertionCredential(stack.endpoints.tenantId, identity.clientId, () => saToken(), options());
    const secret = await vault(credential).getSecret("mqtt-password");
    expect(secret.value).toBe("from-key-vault");
    const token = await credential.getToken("https://vault.azure.net/.default");
    expect(decodeJwt(token.token)).toMatchObject({ oid: identity.objectId, appid: identity.clientId, aud: "https://vault.azure.net" });
    // Secrets User reads but does not write: the vault's RBAC sees the managed identity, not the cluster.
    await expect(vault(credential).setSecret("mqtt-password", "x")).rejects.toMatchObject({ statusCode: 403 });
  });

  it("WorkloadIdentityCredential does the same from a projected token file", async () => {
    const tokenFilePath = join(dir, "azure-identity-token");
    await writeFile(tokenFilePath, await saToken());
    const credential = new WorkloadIdentityCredential({
      tenantId: stack.endpoints.tenantId, clientId: identity.clientId, tokenFilePath, ...options(),
    });
    expect((await vault(credential).getSecret("mqtt-password")).value).toBe("from-key-vault");
  });

  it.each([
    ["a token of an issuer no federated credential names", async () => resign(await saToken(), { iss: "https://issuer.invalid" }), 700211],
    ["another service account (subject)", () => saToken({ name: "someone-else" }), 700213],
    ["the API server's own audience", () => saToken({ audiences: ["https://kubernetes.default.svc"] }), 700212],
    ["an expired token", () => saToken({ now: Date.now() - 2 * 3600_000 }), 700024],
    ["a token signed with another key under the issuer's kid", async () => resign(await saToken(), {}), 700027],
    ["a token that is not a JWT", async () => "not-a-jwt", 50027],
  ])("refuses %s with Entra's AADSTS code", async (_name, assertion, code) => {
    const reply = await exchange(await assertion());
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body).toMatchObject({ error_codes: [code] });
    expect(String(reply.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it("surfaces the refusal through the SDK, naming the subject that did not match", async () => {
    const credential = new ClientAssertionCredential(stack.endpoints.tenantId, identity.clientId,
      () => saToken({ name: "other-sa" }), options());
    await expect(credential.getToken("https://vault.azure.net/.default"))
      .rejects.toThrow(/AADSTS700213: No matching federated identity record found for presented assertion subject 'system:serviceaccount:azure-iot-operations:other-sa'/);
  });

  it("stops exchanging as soon as the federated credential is removed, and again once it is back", async () => {
    expect((await exchange(await saToken())).status).toBe(200);
    await store.unfederate(identity.clientId, { subject: SUBJECT });
    expect((await exchange(await saToken())).body).toMatchObject({ error: "invalid_client", error_codes: [700211] });
    await ensureWorkloadIdentity(store, { identity: "aio-secret-sync", issuer: stack.cluster.serviceAccounts.issuer, subject: SUBJECT });
    expect((await exchange(await saToken())).status).toBe(200);
  });

  it("is idempotent: seeding twice keeps one identity, one credential and one grant per role", async () => {
    const again = await ensureWorkloadIdentity(store, {
      identity: "aio-secret-sync", issuer: stack.cluster.serviceAccounts.issuer, subject: SUBJECT,
      roles: ["Key Vault Secrets User", "Key Vault Reader"],
    });
    expect(again.identity.clientId).toBe(identity.clientId);
    const s = store.current();
    expect(s.managedIdentities.filter((m) => m.name === "aio-secret-sync")).toHaveLength(1);
    expect(s.federatedCredentials.filter((c) => c.identityClientId === identity.clientId)).toHaveLength(1);
    expect(s.roleAssignments.filter((a) => a.principalId === identity.objectId).map((a) => a.role).sort())
      .toEqual(["Key Vault Reader", "Key Vault Secrets User"]);
  });
});

/** The same claims (optionally changed) signed by a key the issuer never published, under the issuer's kid. */
async function resign(token: string, change: Record<string, unknown>): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ ...decodeJwt(token), ...change })
    .setProtectedHeader({ alg: "RS256", kid: decodeProtectedHeader(token).kid! })
    .sign(privateKey);
}
