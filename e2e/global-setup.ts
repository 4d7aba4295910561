import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEMO_INSTANCE_NAME, portalEnv } from "../scripts/portal-env";
import { startStackProcess } from "../scripts/stack-process";
import globalTeardown, { type HarnessState } from "./global-teardown";
import { ensurePortalBuild, TEST_DIST_DIR } from "./support/portal-build";
import { freePort, spawnNode, waitFor } from "./support/processes";

const ROOT = resolve(__dirname, "..");

/**
 * Starts the local stack (`emulators/main.ts` as a child: temp data folder, free ports) and the portal
 * (`next start` of the `.next-test` build, free port). global-teardown.ts stops both and removes the folder.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await start();
  } catch (err) {
    await globalTeardown(); // a half-started harness must not leave processes or temp folders behind
    throw err;
  }
}

async function start(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "ops-portal-e2e-"));
  const state: HarnessState = { dataDir, pids: [] };
  const stateFile = join(dataDir, "e2e-harness.json");
  const save = () => writeFileSync(stateFile, JSON.stringify(state));
  process.env.E2E_HARNESS_STATE = stateFile;
  save();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, portalUrl: url, stdio: "ignore" });
  state.pids.push(stack.child.pid!);
  save();

  const published = (stack.endpoints as { instance?: { name?: string } }).instance;
  const instanceName = published?.name ?? DEMO_INSTANCE_NAME;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...portalEnv(stack.endpoints, stack.portalIdentity, { instanceName }),
    PORT: String(port),
    NEXT_DIST_DIR: TEST_DIST_DIR,
    // The bulk-seeding spec writes through Key Vault directly, as an operator's script would; a short refresh
    // lets the portal's name index see those writes within the test's time.
    KEY_VAULT_INDEX_REFRESH_SECONDS: "5",
    // The edit journey waits for an unused SecretProviderClass object to go: seconds, not the default 10 minutes.
    SPC_OBJECT_GRACE_SECONDS: "5",
    // Built into the test bundle only: the QueryClient on window, so tests can prove no secret value is cached.
    NEXT_PUBLIC_E2E_HANDLES: "1",
  };
  await ensurePortalBuild(ROOT, env);

  const portalLog = join(dataDir, "portal.log");
  const portal = spawnNode([join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env,
    logFile: portalLog,
  });
  state.pids.push(portal.pid!);
  save();
  await waitFor("portal", async () => ((await fetch(`${url}/api/health`)).ok ? true : undefined), {
    timeoutMs: 60_000,
    child: portal,
    logFile: portalLog,
  });

  process.env.E2E_PORTAL_URL = url;
  process.env.E2E_ENDPOINTS_FILE = join(dataDir, "local-stack", "endpoints.json");
  process.env.E2E_INSTANCE_NAME = instanceName;
  console.log(`[e2e] local stack data in ${dataDir}; portal at ${url}`);
}
