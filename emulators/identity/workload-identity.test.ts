import { execFile } from "node:child_process";
import { Agent } from "node:https";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
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

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
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

  it("says the issuer could not be reached when its discovery document does not answer (AADSTS90061)", async () => {
    const deadIssuer = "https://127.0.0.1:1";
    await ensureWorkloadIdentity(store, { identity: "aio-secret-sync", issuer: deadIssuer, subject: "system:serviceaccount:x:y" });
    const reply = await exchange(await resign(await saToken(), { iss: deadIssuer, sub: "system:serviceaccount:x:y" }));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: "invalid_request", error_codes: [90061] });
    await store.unfederate(identity.clientId, { subject: "system:serviceaccount:x:y" });
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

describe("npm run stack -- create-identity|federate|unfederate|identities|grant|revoke", () => {
  it("changes federation and roles of a running stack and prints the az equivalents", async () => {
    const issuer = stack.cluster.serviceAccounts.issuer;
    const subject = "system:serviceaccount:azure-iot-operations:portal-sa";
    const created = await stackCli("create-identity", "ops-portal-id");
    expect(created.out).toContain("In Azure: az identity create --name ops-portal-id --resource-group <resource-group>");
    const mi = store.findPrincipal("ops-portal-id") as { clientId: string; objectId: string };
    const token = () => stack.cluster.serviceAccounts.issue({ ...sa, name: "portal-sa" },
      { audiences: [TOKEN_EXCHANGE_AUDIENCE] }).then((t) => t.token);
    expect((await exchange(await token(), mi.clientId)).body).toMatchObject({ error_codes: [700211] });

    const federated = await stackCli("federate", "ops-portal-id", "--issuer", issuer, "--subject", subject, "--name", "portal");
    expect(federated.code).toBe(0);
    expect(federated.out).toContain(`In Azure: az identity federated-credential create --name portal --identity-name ` +
      `ops-portal-id --resource-group <resource-group> --issuer ${issuer} --subject ${subject} --audiences api://AzureADTokenExchange`);
    expect((await exchange(await token(), mi.clientId)).status).toBe(200);

    const granted = await stackCli("grant", "ops-portal-id", "secrets-officer");
    expect(granted.out).toContain(`az role assignment create --assignee-object-id ${mi.objectId} ` +
      '--assignee-principal-type ServicePrincipal --role "Key Vault Secrets Officer"');
    const listed = await stackCli("identities");
    expect(listed.out).toMatch(new RegExp(`ops-portal-id \\(managed identity, client id ${mi.clientId}.*\\n` +
      "\\s+roles: Key Vault Secrets Officer\\n\\s+federated credential portal: issuer "));

    const unfederated = await stackCli("unfederate", "ops-portal-id", "--subject", subject);
    expect(unfederated.out).toContain("In Azure: az identity federated-credential delete --name portal --identity-name " +
      "ops-portal-id --resource-group <resource-group> --yes");
    expect((await exchange(await token(), mi.clientId)).body).toMatchObject({ error_codes: [700211] });
    expect((await stackCli("revoke", mi.clientId, "Key Vault Secrets Officer")).code).toBe(0);
    expect(store.hasRole(mi.objectId, "Key Vault Secrets Officer")).toBe(false);
  });

  it("refuses unknown identities and incomplete federations without changing anything", async () => {
    const before = JSON.stringify(store.current());
    const unknown = await stackCli("federate", "nobody", "--issuer", "https://x.example", "--subject", "s");
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('No managed identity "nobody"');
    const noSubject = await stackCli("federate", "aio-secret-sync", "--issuer", "https://x.example");
    expect(noSubject.out).toContain("federate needs --issuer and --subject.");
    const httpIssuer = await stackCli("federate", "aio-secret-sync", "--issuer", "http://x.example", "--subject", "s");
    expect(httpIssuer.out).toContain("--issuer must be an https URL");
    const ambiguous = await stackCli("unfederate", "aio-secret-sync");
    expect(ambiguous.code).toBe(2);
    expect(JSON.stringify(store.current())).toBe(before);
  });
});

/** `npm run stack -- …` as an operator runs it: another process, same data folder as the running stack. */
async function stackCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "emulators/cli.ts", "--data-dir", dir, ...args],
      { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
