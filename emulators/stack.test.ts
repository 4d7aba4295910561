import { execFile } from "node:child_process";
import { Agent } from "node:https";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type RunningStack } from "./stack";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "..");
let dir: string;
let stack: RunningStack;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "stack-test-"));
  stack = await startStack({ dataDir: dir });
});
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** What a script does with endpoints.json: the automation client, through the real SDKs. */
async function automationClient(): Promise<SecretClient> {
  const e = JSON.parse(await readFile(join(dir, "local-stack", "endpoints.json"), "utf8")) as RunningStack["endpoints"];
  const agent = new Agent({ ca: await readFile(e.caFile, "utf8") });
  const credential = new ClientSecretCredential(e.tenantId, e.automationClient.clientId, e.automationClient.clientSecret,
    { authorityHost: e.authorityHost, disableInstanceDiscovery: true, agent });
  return new SecretClient(e.keyVaultUrl, credential, { disableChallengeResourceVerification: true, agent });
}

async function firstSecretNames(client: SecretClient): Promise<string[]> {
  const names: string[] = [];
  for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 25 })) {
    names.push(...page.map((p) => p.name));
    break;
  }
  return names;
}

describe("startStack", () => {
  it("writes endpoints.json that gets a script from zero to the seeded vault", async () => {
    const e = stack.endpoints;
    expect(e).toMatchObject({ keyVaultName: "opsportal-demo-kv", portalUrl: "http://127.0.0.1:3000",
      tokenEndpoint: `${e.authorityHost}${e.tenantId}/oauth2/v2.0/token` });
    expect(e.keyVaultUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stack.portalIdentity.clientId).not.toBe(e.automationClient.clientId);
    expect((await firstSecretNames(await automationClient())).length).toBeGreaterThan(0);
  });

  it("applies a revoke from `npm run stack` to the running vault at once (403), and a grant back", async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "emulators/cli.ts", "--data-dir", dir, ...args], { cwd: ROOT });
    const client = await automationClient();
    await cli("revoke", "automation", "Key Vault Secrets Officer");
    await expect(firstSecretNames(client)).rejects.toMatchObject({ statusCode: 403 });
    await cli("grant", "automation", "Key Vault Reader");
    expect((await firstSecretNames(client)).length).toBeGreaterThan(0);
    await cli("grant", "automation", "Key Vault Secrets Officer");
  });

  it("refuses a second stack on the same data folder", async () => {
    await expect(startStack({ dataDir: dir })).rejects.toThrow(/already running/);
  });

  it("restarts on the same state (tenant, clients, CA) and removes endpoints.json while stopped", async () => {
    const before = stack.endpoints;
    const ca = await readFile(before.caFile, "utf8");
    await stack.stop();
    await expect(access(join(dir, "local-stack", "endpoints.json"))).rejects.toThrow();
    stack = await startStack({ dataDir: dir });
    expect(stack.endpoints).toMatchObject({ tenantId: before.tenantId, automationClient: before.automationClient });
    expect(await readFile(stack.endpoints.caFile, "utf8")).toBe(ca);
    expect((await firstSecretNames(await automationClient())).length).toBeGreaterThan(0);
  });
});
