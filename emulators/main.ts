import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DEMO_USERS } from "./identity/demo-users";
import { PORTAL_APP_ROLES } from "./identity/portal-api";
import { writeJsonAtomic } from "./shared/atomic-file";
import { stackLayout } from "./shared/layout";
import { localCaName } from "./shared/tls";
import { browserTrust } from "./shared/trust-store";
import { startStack, type RunningStack } from "./stack";
import { parseSyncInterval } from "./sync-controller/sync-interval";

const USAGE = `Usage: tsx emulators/main.ts [options]
  --data-dir <dir>        state folder (default .data, or OPS_PORTAL_DATA_DIR)
  --host <ip>             listen address (default 127.0.0.1)
  --port-identity <n>     identity stand-in port (default 8444, a free one if taken; 0 = a free port)
  --port-key-vault <n>    Key Vault stand-in port (default 8443, a free one if taken; 0 = a free port)
  --port-kube <n>         Kubernetes stand-in port (default 6443, a free one if taken; 0 = a free port)
  --portal-url <url>      the portal's URL written to endpoints.json (default http://127.0.0.1:3000)
  --no-seed               do not seed the demo data on empty state
  --ready-file <path>     once every service answers, write {endpoints, portalIdentity, pid, signIn} there (mode 600)
  --stop-on-stdin-close   stop when stdin closes (a parent that dies cannot leave the stack behind)
Environment:
  SYNC_INTERVAL           the sync controller's poll interval: seconds or a duration (default 120s; e.g. 10s, 2m)`;

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      "data-dir": { type: "string", default: process.env.OPS_PORTAL_DATA_DIR || ".data" },
      host: { type: "string", default: "127.0.0.1" },
      "port-identity": { type: "string" },
      "port-key-vault": { type: "string" },
      "port-kube": { type: "string" },
      "portal-url": { type: "string" },
      "no-seed": { type: "boolean", default: false },
      "ready-file": { type: "string" },
      "stop-on-stdin-close": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (a.help) {
    console.log(USAGE);
    return;
  }
  const stack = await startStack({
    dataDir: a["data-dir"],
    host: a.host,
    ports: {
      identity: port(a["port-identity"], 8444), keyVault: port(a["port-key-vault"], 8443), kube: port(a["port-kube"], 6443),
    },
    // A port given on the command line (0 included) is taken or fails; a defaulted one falls back to a free port.
    fallbackToFreePorts: {
      identity: a["port-identity"] === undefined, keyVault: a["port-key-vault"] === undefined, kube: a["port-kube"] === undefined,
    },
    portalUrl: a["portal-url"],
    seed: !a["no-seed"],
    syncIntervalMs: process.env.SYNC_INTERVAL ? parseSyncInterval(process.env.SYNC_INTERVAL) : undefined,
    log: (line) => console.log(`sync       ${line}`),
  });
  const { endpoints } = stack;
  console.log(`identity   ${endpoints.authorityHost}  (tenant ${endpoints.tenantId})`);
  console.log(`key vault  ${endpoints.keyVaultUrl}  (${endpoints.keyVaultName})`);
  console.log(`kubernetes ${stack.cluster.url}  (KUBECONFIG=${endpoints.kubeconfig}, instance ${endpoints.instance.name})`);
  console.log(`endpoints  ${stackLayout(a["data-dir"]).endpointsFile}`);
  if (a["ready-file"]) {
    await writeJsonAtomic(a["ready-file"],
      { endpoints, portalIdentity: stack.portalIdentity, pid: process.pid, signIn: await signIn(stack, a["data-dir"]) }, 0o600);
  }

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`local stack: stopping (${why})`);
    stack.stop().then(() => process.exit(0), (err: unknown) => {
      console.error("local stack: error while stopping", err);
      process.exit(1);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  if (a["stop-on-stdin-close"]) {
    process.stdin.on("end", () => stop("stdin closed")).on("error", () => stop("stdin error")).resume();
  }
}

/** What npm start tells the person at the terminal about signing in (scripts/start-notice.ts words it). */
async function signIn(stack: RunningStack, dataDir: string) {
  const { endpoints } = stack;
  const localStack = stackLayout(dataDir).localStack;
  const caPem = await readFile(endpoints.caFile, "utf8");
  const role = (r: string | undefined) =>
    r === PORTAL_APP_ROLES.operator ? "operator" : r === PORTAL_APP_ROLES.reader ? "reader" : "no portal role";
  return {
    authorityHost: endpoints.authorityHost,
    browserTrust: await browserTrust({ caFile: endpoints.caFile, caPem, nickname: localCaName(localStack) }),
    users: DEMO_USERS.map((u) => ({ name: u.name, password: u.password, role: role(u.role) })),
  };
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Not a port: ${value}`);
  return n;
}

main().catch((err: unknown) => {
  console.error(`local stack: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
