/**
 * `npm run bench`: the Key Vault secrets page's numbers, as ratios and sizes (not part of `npm test`).
 *  1. With 20 ms injected per vault call (the stand-in's latency hook), on a 5,000-secret vault whose indexing takes
 *     seconds: the first page through the portal API (served from the vault's first page while the index fills) vs.
 *     the same first page straight from the SDK — cold (first call of a fresh process) and warm (median of 20).
 *     Target ≤ 1.3. Also the first page once the index is ready (served from memory).
 *  2. Search on a 5,000-secret vault once the portal's name index is warm: median and p95. Target ≤ 50 ms.
 *  3. Portal server RSS after start and after indexing 5,000 secrets.
 * Runs its own stack and portal on free ports with a temporary data folder; writes bench/results/<time>.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { portalEnv } from "../scripts/portal-env";
import { startStackProcess } from "../scripts/stack-process";
import { automationApiToken } from "../e2e/support/api-tokens";
import { ensurePortalBuild, TEST_DIST_DIR } from "../e2e/support/portal-build";
import { freePort, spawnNode, stopGroup, waitFor } from "../e2e/support/processes";
import { VaultRest } from "../e2e/support/vault-rest";
import { median, percentile, round } from "./stats";
import { seedVault } from "./support/seed-vault";

const ROOT = resolve(__dirname, "..");
const LATENCY_MS = 20;
const SEARCH_VAULT_SIZE = 5_000;

type List = { items: { name: string }[]; index: { state: string; count: number } };

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "ops-portal-bench-"));
  const stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, stdio: "ignore" });
  const vault = new VaultRest(stack.endpoints);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...portalEnv(stack.endpoints, stack.portalIdentity), PORT: String(port),
    NEXT_DIST_DIR: TEST_DIST_DIR, KEY_VAULT_INDEX_REFRESH_SECONDS: "5", LOG_LEVEL: "warn" };
  let portalPid: number | undefined;
  try {
    await ensurePortalBuild(ROOT, env);
    // A vault big enough that indexing it under the injected latency takes seconds: the first pages below are
    // served while the index fills, i.e. straight from the vault's first page, as the page does on a cold start.
    await seedVault(vault, "search", SEARCH_VAULT_SIZE);
    await vault.hook("PUT", "_stack/latency", { ms: LATENCY_MS });

    const portal = spawnNode([join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
      { cwd: ROOT, env, logFile: join(dataDir, "portal.log") });
    portalPid = portal.pid!;
    await waitFor("portal", async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), { timeoutMs: 60_000, child: portal });
    const rssAfterStart = groupRssMb(portalPid);

    // 1. First page: portal API vs. SDK, both cold then warm, while the portal's index is still filling.
    const states: string[] = [];
    // The portal API needs a bearer token: the automation client's, as any script would use.
    apiToken = await automationApiToken(stack.endpoints);
    const firstPage = async () => states.push((await getList(`${base}/api/key-vault/secrets`)).index.state);
    const portalCold = await timed(firstPage);
    const portalWarm: number[] = [];
    for (let i = 0; i < 20; i++) portalWarm.push(await timed(firstPage));
    const servedWhileFilling = states.filter((s) => s === "filling").length;
    const sdk = sdkFirstPage(env, 20);

    // 2. Search on the 5,000-secret vault once the index is warm.
    await waitFor("name index", async () => {
      const l = await getList(`${base}/api/key-vault/secrets?search=search-`);
      return l.index.state === "ready" && l.index.count >= SEARCH_VAULT_SIZE ? true : undefined;
    }, { timeoutMs: 180_000 });
    const portalIndexed: number[] = [];
    for (let i = 0; i < 20; i++) portalIndexed.push(await timed(firstPage));
    const queries = ["search-01", "search-4", "search-2", "zz-none", "SEARCH-0012", "rch-3", "-9", "search"];
    const searchMs: number[] = [];
    for (let i = 0; i < 100; i++) searchMs.push(await timed(() => getList(`${base}/api/key-vault/secrets?search=${queries[i % queries.length]}`)));
    const rssAfterIndex = groupRssMb(portalPid);

    const result = {
      at: new Date().toISOString(),
      firstPage: {
        injectedLatencyMs: LATENCY_MS,
        portalColdMs: round(portalCold), sdkColdMs: round(sdk.coldMs), coldRatio: round(portalCold / sdk.coldMs, 2),
        portalWarmMedianMs: round(median(portalWarm)), sdkWarmMedianMs: round(median(sdk.warmMs)),
        warmRatio: round(median(portalWarm) / median(sdk.warmMs), 2), target: "≤ 1.3",
        portalRequestsServedWhileIndexFilling: `${servedWhileFilling} of ${portalWarm.length + 1}`,
        portalFromIndexMedianMs: round(median(portalIndexed)),
      },
      search: { vaultSize: SEARCH_VAULT_SIZE, medianMs: round(median(searchMs)), p95Ms: round(percentile(searchMs, 95)), target: "≤ 50 ms" },
      portalRssMb: { afterStart: rssAfterStart, afterIndexing5000: rssAfterIndex },
    };
    mkdirSync(join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(join(ROOT, "bench/results", `${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    if (portalPid) await stopGroup(portalPid);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let apiToken = "";

async function getList(url: string): Promise<List> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${apiToken}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as List;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function sdkFirstPage(env: NodeJS.ProcessEnv, runs: number): { coldMs: number; warmMs: number[] } {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", join(ROOT, "bench/sdk-first-page.ts"), String(runs)],
    { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`sdk-first-page failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { coldMs: number; warmMs: number[] };
}

/** Resident memory of a process group (the portal and what it spawned), in MB. */
function groupRssMb(pgid: number): number {
  const r = spawnSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  const kb = r.stdout.split("\n").map((l) => Number(l.trim()) || 0).reduce((a, b) => a + b, 0);
  return Math.round(kb / 1024);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
