import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { automationToken } from "../../e2e/support/api-tokens";
import type { StackEndpoints } from "../../e2e/support/endpoints";
import { median } from "../stats";
import { KubeRest } from "./kube-rest";

/**
 * One round trip to a stand-in as the portal pays it: an authenticated call over a kept-alive connection, with
 * whatever latency the stand-in injects. Benchmarks divide the portal's time by it, so the figure says how many
 * sequential calls a request costs, whatever this machine's speed.
 */
export interface RoundTrips { keyVaultMs: number; kubeMs: number }

export async function measureRoundTrips(ep: StackEndpoints, runs = 10): Promise<RoundTrips> {
  const token = await automationToken(ep, "https://vault.azure.net/.default");
  const agent = new Agent({ keepAlive: true, ca: readFileSync(ep.caFile, "utf8") });
  const kube = new KubeRest(ep.kubeconfig);
  const namespace = ep.instance?.namespace ?? "azure-iot-operations";
  try {
    const vault: number[] = [];
    const cluster: number[] = [];
    // The first call of each opens the connection (TLS): not a round trip the portal pays per request.
    for (let i = 0; i <= runs; i++) {
      const v = await timed(() => vaultGet(agent, token, new URL("secrets?maxresults=25&api-version=7.6", ep.keyVaultUrl)));
      const k = await timed(() => kube.json("GET", `/apis/namespaces.deviceregistry.microsoft.com/v1/namespaces/${namespace}/devices?limit=25`));
      if (i > 0) { vault.push(v); cluster.push(k); }
    }
    return { keyVaultMs: median(vault), kubeMs: median(cluster) };
  } finally {
    agent.destroy();
    kube.close();
  }
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function vaultGet(agent: Agent, token: string, url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` }, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url.pathname}: ${res.statusCode}`))));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url.pathname}: timed out`)));
    req.on("error", reject);
    req.end();
  });
}
