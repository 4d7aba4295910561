/**
 * `npm run bench` (second part): the Kubernetes stand-in's numbers, as sizes and ratios.
 *  1. Stand-in RSS with 10,000 objects (target < 250 MB) — the whole local-stack process (identity, Key Vault,
 *     Kubernetes, sync controller), so the figure is an upper bound for the Kubernetes part.
 *  2. A list of 2,000 objects paged by 500 vs. unpaged: time ratio (median of 10 each).
 *  3. Watch fan-out: 50 watchers, 1,000 updates: all delivered? p50/p99 delay from write to receipt.
 * Own stack on free ports with a temporary data folder; writes bench/results/kube-<time>.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startStackProcess } from "../scripts/stack-process";
import { median, percentile, round } from "./stats";
import { KubeRest } from "./support/kube-rest";

const ROOT = resolve(__dirname, "..");
const now = () => performance.timeOrigin + performance.now();

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "ops-portal-bench-kube-"));
  const stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, portKube: 0, stdio: "ignore" });
  const kube = new KubeRest(stack.endpoints.kubeconfig);
  try {
    const rssIdle = rssMb(stack.child.pid!);
    for (const ns of ["bench-big", "bench-list", "bench-watch"]) {
      await kube.json("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    }
    await createConfigMaps(kube, "bench-big", 8_000);
    await createConfigMaps(kube, "bench-list", 2_000);
    const rssWith10k = rssMb(stack.child.pid!);

    const unpaged: number[] = [];
    const paged: number[] = [];
    for (let i = 0; i < 10; i++) {
      unpaged.push(await timed(async () => {
        const l = await kube.json<{ items: unknown[] }>("GET", "/api/v1/namespaces/bench-list/configmaps");
        if (l.items.length !== 2_000) throw new Error(`unpaged list: ${l.items.length} items`);
      }));
      paged.push(await timed(async () => {
        let n = 0;
        let cont: string | undefined;
        do {
          const l = await kube.json<{ items: unknown[]; metadata: { continue?: string } }>("GET",
            `/api/v1/namespaces/bench-list/configmaps?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ""}`);
          n += l.items.length;
          cont = l.metadata.continue || undefined;
        } while (cont);
        if (n !== 2_000) throw new Error(`paged list: ${n} items`);
      }));
    }

    const fanOut = await watchFanOut(kube, 50, 1_000);
    const result = {
      at: new Date().toISOString(),
      rssMb: { stackProcessIdle: rssIdle, stackProcessWith10000Objects: rssWith10k, target: "< 250 MB" },
      list2000: { unpagedMedianMs: round(median(unpaged)), pagedBy500MedianMs: round(median(paged)),
        pagedOverUnpagedRatio: round(median(paged) / median(unpaged), 2) },
      watchFanOut: fanOut,
    };
    mkdirSync(join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(join(ROOT, "bench/results", `kube-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    kube.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function createConfigMaps(kube: KubeRest, namespace: string, count: number) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      await kube.json("POST", `/api/v1/namespaces/${namespace}/configmaps`, {
        apiVersion: "v1", kind: "ConfigMap",
        metadata: { name: `cm-${String(n).padStart(5, "0")}`, labels: { bench: "true", shard: String(n % 10) } },
        data: { "settings.json": JSON.stringify({ n, endpoint: `opc.tcp://10.0.${n % 250}.${n % 200}:4840` }) },
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function watchFanOut(kube: KubeRest, watchers: number, updates: number) {
  const base = "/api/v1/namespaces/bench-watch/configmaps";
  const created = await kube.json<{ metadata: { resourceVersion: string } }>("POST", base,
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ticker" }, data: { t: "0" } });
  const delays: number[] = [];
  const seen = new Array<number>(watchers).fill(0);
  const streams = await Promise.all(Array.from({ length: watchers }, (_, w) =>
    kube.watch(`${base}?watch=true&resourceVersion=${created.metadata.resourceVersion}`, (e) => {
      if (e.type !== "MODIFIED") return;
      seen[w]!++;
      delays.push(now() - Number(e.object.data?.t));
    })));
  for (let i = 0; i < updates; i++) {
    await kube.json("PATCH", `${base}/ticker`, { data: { t: String(now()) } }, "application/merge-patch+json");
  }
  const expected = watchers * updates;
  for (let waited = 0; delays.length < expected && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  streams.forEach((s) => s.stop());
  return { watchers, updates, delivered: `${delays.length} of ${expected}`,
    everyWatcherSawEveryUpdate: seen.every((n) => n === updates),
    delayP50Ms: round(percentile(delays, 50)), delayP99Ms: round(percentile(delays, 99)) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function rssMb(pid: number): number {
  const r = spawnSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" });
  return Math.round((Number(r.stdout.trim()) || 0) / 1024);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
