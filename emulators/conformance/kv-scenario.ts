import { ClientSecretCredential } from "@azure/identity";
import { SecretClient } from "@azure/keyvault-secrets";
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { lifecycleSteps, refusalSteps, versionSteps } from "./kv-scenario-lifecycle";
import { secretSteps } from "./kv-scenario-secrets";
import { azureErrorCode, parseBearerChallenge, rawRequest } from "./raw-request";
import { Recorder } from "./recorder";
import { expectedAuthority, type Phase, type ScenarioConfig, type StepOutcome } from "./transcript";

/**
 * The conformance scenario through @azure/keyvault-secrets + @azure/identity, configured exactly as an automation
 * client would be against the local stack (see docs/architecture.md). kv_scenario.py is its Python twin.
 */
export async function runJsScenario(c: ScenarioConfig, phase: Phase): Promise<StepOutcome[]> {
  const ca = readFileSync(c.caFile, "utf8");
  // The CA must reach both pipelines: the credential's (token endpoint) and the client's (vault).
  const agent = new Agent({ ca, keepAlive: false });
  const credential = new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret,
    { authorityHost: c.authorityHost, disableInstanceDiscovery: true, agent });
  const client = new SecretClient(c.vaultUrl, credential, { disableChallengeResourceVerification: true, agent });
  const rec = new Recorder();
  try {
    if (phase === "main") {
      const firstVersions = await secretSteps(rec, client, c);
      await versionSteps(rec, client, c, firstVersions.get("s-00") ?? "");
      await lifecycleSteps(rec, client, c, firstVersions.get("s-01") ?? "");
      await refusalSteps(rec, client, c);
      await authSteps(rec, c, ca);
      await signInRefusalSteps(rec, c, agent);
    } else if (phase === "forbidden") {
      await forbiddenSteps(rec, client, c);
    } else {
      await rec.step("regranted-get", async () => ({ valueMatches: (await client.getSecret(`${c.prefix}s-02`)).value === "value-2" }));
    }
  } finally {
    agent.destroy();
  }
  return rec.steps;
}

/** Requests without a usable token, sent below the SDK (an SDK always answers the challenge). */
async function authSteps(rec: Recorder, c: ScenarioConfig, ca: string) {
  const url = `${c.vaultUrl}secrets?api-version=7.6`;
  const cases = [["no-token", {}], ["bad-token", { authorization: "Bearer not-a-jwt" }]] as const;
  for (const [step, headers] of cases) {
    await rec.step(step, async () => {
      const res = await rawRequest({ url, headers: { accept: "application/json", ...headers }, ca });
      const challenge = parseBearerChallenge(res.headers["www-authenticate"]);
      return {
        status: res.status,
        code: azureErrorCode(res.body),
        authorityMatches: challenge.authorization === expectedAuthority(c.authorityHost, c.tenantId),
        resource: challenge.resource ?? null,
      };
    });
  }
}

/**
 * The SDKs must surface the identity stand-in's Entra errors as authentication failures naming the AADSTS code
 * an operator would search for (7000215 wrong secret, 700016 unknown application).
 */
async function signInRefusalSteps(rec: Recorder, c: ScenarioConfig, agent: Agent) {
  const cases = [["sign-in-wrong-secret", c.clientId, "wrong-secret"],
    ["sign-in-unknown-client", "00000000-0000-0000-0000-000000000001", c.clientSecret]] as const;
  for (const [step, clientId, secret] of cases) {
    await rec.step(step, async () => {
      const credential = new ClientSecretCredential(c.tenantId, clientId, secret,
        { authorityHost: c.authorityHost, disableInstanceDiscovery: true, agent });
      const client = new SecretClient(c.vaultUrl, credential, { disableChallengeResourceVerification: true, agent });
      try {
        await client.getSecret(`${c.prefix}s-02`);
        return { refused: false };
      } catch (err) {
        const e = err as Error;
        // @azure/identity 4.x reports a refused client credential as AuthenticationRequiredError (msal-node's
        // invalid_client / unauthorized_client); AuthenticationError is its other sign-in failure class.
        return { refused: true, authenticationError: ["AuthenticationRequiredError", "AuthenticationError"].includes(e.name),
          aadsts: /AADSTS(\d+)/.exec(e.message)?.[1] ?? null };
      }
    });
  }
}

/** Every data-plane call of a principal without a role assignment is refused (run after the harness revokes it). */
async function forbiddenSteps(rec: Recorder, client: SecretClient, c: ScenarioConfig) {
  await rec.step("no-role-get", async () => void (await client.getSecret(`${c.prefix}s-02`)));
  await rec.step("no-role-set", async () => void (await client.setSecret(`${c.prefix}s-02`, "nope")));
  await rec.step("no-role-list", async () => {
    for await (const page of client.listPropertiesOfSecrets().byPage()) return { firstPage: page.length };
  });
  await rec.step("no-role-delete", async () => void (await client.beginDeleteSecret(`${c.prefix}s-02`)));
}
