import { readFileSync } from "node:fs";
import { request } from "node:https";
import { parse } from "yaml";
import { automationToken } from "./api-tokens";
import { readEndpoints, type StackEndpoints } from "./endpoints";

/**
 * The Key Vault and Kubernetes stand-ins' `/_stack/` test hooks (docs/architecture.md "Test hooks") for Playwright
 * tests and benchmarks: injected faults, added latency, call counts. They do not exist in Azure; the portal never
 * calls them. Faults and latency are global to the stand-in: a test that sets them runs serially
 * (`test.describe.configure({ mode: "serial" })`) and clears them afterwards (`resetStackHooks()` in `afterEach`).
 *
 * Credentials are the ones any script of the local stack has: a vault token of the automation client for the Key
 * Vault stand-in, the kubeconfig's bearer token for the Kubernetes stand-in. `ep` defaults to the e2e stack's
 * endpoints.json (E2E_ENDPOINTS_FILE); benchmarks pass their own.
 */
export type StandIn = "key-vault" | "kube";

export interface FaultSpec {
  /** Which calls: method (e.g. "PUT") and a regular expression tested on the path and on the route template. */
  match?: { method?: string; path?: string };
  /**
   * "status" (default): answer with `status` and the stand-in's error body. "reset-after-commit": serve the call
   * (a write is committed) and close the connection unanswered; Key Vault stand-in only (Kubernetes answers 400).
   */
  mode?: "status" | "reset-after-commit";
  /** 400–599; required in mode "status". */
  status?: number;
  /** How many matching calls; omitted: until cleared. */
  times?: number;
  /** Retry-After of a 429 (default 1). */
  retryAfterSeconds?: number;
}

export interface HookStats { total: number; byRoute: Record<string, number> }

/** Adds a fault; the next matching calls (all of them, or `times`) get it. */
export async function injectFault(standIn: StandIn, fault: FaultSpec, ep: StackEndpoints = readEndpoints()): Promise<void> {
  await hook(standIn, "POST", "faults", fault, ep);
}

/** Removes every injected fault of that stand-in. */
export async function clearFaults(standIn: StandIn, ep: StackEndpoints = readEndpoints()): Promise<void> {
  await hook(standIn, "DELETE", "faults", undefined, ep);
}

/** Every call to that stand-in waits `ms` before being served (0 turns it off). */
export async function setLatency(standIn: StandIn, ms: number, ep: StackEndpoints = readEndpoints()): Promise<void> {
  await hook(standIn, "PUT", "latency", { ms }, ep);
}

/** Calls served since start (or the last reset), by `<METHOD> <route template>`. */
export async function readStats(standIn: StandIn, ep: StackEndpoints = readEndpoints()): Promise<HookStats> {
  return (await hook(standIn, "GET", "stats", undefined, ep)) as HookStats;
}

export async function resetStats(standIn: StandIn, ep: StackEndpoints = readEndpoints()): Promise<void> {
  await hook(standIn, "DELETE", "stats", undefined, ep);
}

/** Both stand-ins back to normal: no faults, no latency. */
export async function resetStackHooks(ep: StackEndpoints = readEndpoints()): Promise<void> {
  for (const standIn of ["key-vault", "kube"] as const) {
    await clearFaults(standIn, ep);
    await setLatency(standIn, 0, ep);
  }
}

interface Target { url: string; ca: string; token: string }

// A vault token lives an hour: one per endpoints file and process is plenty for a test run.
const vaultTokens = new Map<string, Promise<string>>();

async function target(standIn: StandIn, ep: StackEndpoints): Promise<Target> {
  if (standIn === "key-vault") {
    if (!vaultTokens.has(ep.tokenEndpoint)) {
      const token = automationToken(ep, "https://vault.azure.net/.default");
      token.catch(() => vaultTokens.delete(ep.tokenEndpoint));
      vaultTokens.set(ep.tokenEndpoint, token);
    }
    return { url: ep.keyVaultUrl, ca: readFileSync(ep.caFile, "utf8"), token: await vaultTokens.get(ep.tokenEndpoint)! };
  }
  const kc = parse(readFileSync(ep.kubeconfig, "utf8")) as {
    clusters: { cluster: { server: string; "certificate-authority": string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = kc.clusters[0]!.cluster;
  return { url: `${cluster.server.replace(/\/$/, "")}/`, ca: readFileSync(cluster["certificate-authority"], "utf8"),
    token: kc.users[0]!.user.token };
}

async function hook(standIn: StandIn, method: string, name: string, body: unknown, ep: StackEndpoints): Promise<unknown> {
  const t = await target(standIn, ep);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(`_stack/${name}`, t.url);
  const r = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { method, ca: t.ca, timeout: 30_000, headers: {
      authorization: `Bearer ${t.token}`, ...(payload !== undefined && { "content-type": "application/json" }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${url.pathname} (${standIn}): timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
  if (r.status >= 300) throw new Error(`${method} ${url.pathname} (${standIn}): ${r.status} ${r.text.slice(0, 300)}`);
  return r.text ? JSON.parse(r.text) as unknown : undefined;
}
