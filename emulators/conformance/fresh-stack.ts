import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IdentityStore } from "../identity/store";
import type { VaultRole } from "../identity/roles";
import { stackLayout } from "../shared/layout";
import { startStack, type Endpoints } from "../stack";
import type { ScenarioConfig } from "./transcript";

export interface FreshStack {
  dataDir: string;
  endpoints: Endpoints;
  config(prefix: string): ScenarioConfig;
  /** Removes / restores the automation client's vault role, as `npm run stack -- revoke|grant` does. */
  setAutomationRole(assigned: boolean): Promise<void>;
  stop(): Promise<void>;
}

const OFFICER: VaultRole = "Key Vault Secrets Officer";

/** A whole local stack on free ports over a new temporary data folder; `stop()` removes the folder. */
export async function startFreshStack(label: string): Promise<FreshStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `kv-conformance-${label}-`));
  const stack = await startStack({ dataDir, ports: { identity: 0, keyVault: 0 } }).catch(async (err: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  const { endpoints } = stack;
  // The store re-reads state.json on every request, so a change written here is seen by the running stack.
  const identity = await IdentityStore.open(stackLayout(dataDir).identityDir);
  const automation = identity.findPrincipal(endpoints.automationClient.clientId);
  if (!automation) throw new Error("the automation client is not in the identity stand-in's state");
  return {
    dataDir,
    endpoints,
    config: (prefix) => ({
      vaultUrl: endpoints.keyVaultUrl, tenantId: endpoints.tenantId, authorityHost: endpoints.authorityHost,
      clientId: endpoints.automationClient.clientId, clientSecret: endpoints.automationClient.clientSecret,
      caFile: endpoints.caFile, prefix,
    }),
    async setAutomationRole(assigned) {
      if (assigned) await identity.grant(automation.objectId, OFFICER);
      else await identity.revoke(automation.objectId, OFFICER);
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
