/**
 * `npm run bench` (fourth part): the Secrets page's list API at scale. Starts its own stack and portal (free ports,
 * temporary data folder, the `.next-test` build), with the sync controller's poll at one hour: it syncs each new
 * SecretSync once (writing its status and Secret, as in a real cluster) and is then quiet, so the counts below are
 * the portal's own.
 *
 *  1. Small: 20 synced secrets and 5 endpoints (devices and data flow endpoints referencing them); large: 2,000 and
 *     500. The page's first request, `GET /api/synced-secrets?limit=50` (gzip accepted, body read), median of 20
 *     once warm; the ratio large / small. Also the whole list in pages of 500 (what scrolling to the end costs).
 *  2. Kubernetes calls per request once warm (the stand-in's `/_stack/stats` over 100 requests; watches are listed
 *     apart): target 0. Key Vault calls per request once the name index is warm: target 0.
 *  3. 50 concurrent readers for 20 s on the large set (autocannon): requests/s, p50, p99 (target p99 ≤ 200 ms); the
 *     same readers revalidating (`If-None-Match`, as a browser re-reads: 304), and on `/api/instance` (a 100-byte
 *     answer: what the server does at all under that load on this machine).
 *  4. Response size, raw and gzip.
 * Writes bench/results/synced-secrets-<time>.json. (The Chromium part, time to the first row, is the page's.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { SYNCED_SECRETS_PAGE_SIZE, syncedSecretList } from "../lib/schemas/synced-secret-list";
import { portalEnv } from "../scripts/portal-env";
import { startStackProcess } from "../scripts/stack-process";
import { automationApiToken } from "../e2e/support/api-tokens";
import { ensurePortalBuild, TEST_DIST_DIR } from "../e2e/support/portal-build";
import { freePort, spawnNode, stopGroup, waitFor } from "../e2e/support/processes";
import { readStats, resetStats, type HookStats } from "../e2e/support/stack-hooks";
import type { StackEndpoints } from "../e2e/support/endpoints";
import { median, percentile, round } from "./stats";
import { timed } from "./support/round-trip";
import { KubeRest } from "./support/kube-rest";

const ROOT = resolve(__dirname, "..");
const SMALL = { syncs: 20, endpoints: 5 };
const LARGE = { syncs: 2_000, endpoints: 500 };
const RUNS = 20;
const COUNTED = 100;
const READERS = 50;
const READ_SECONDS = 20;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "ops-portal-bench-secrets-"));
  // One sync per new SecretSync, then quiet: the counts measure the portal, not the controller's polls.
  process.env.SYNC_INTERVAL = "1h";
  const stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, portKube: 0, stdio: "ignore" });
  const ep = stack.endpoints;
  const kube = new KubeRest(ep.kubeconfig);
  const ns = (ep as StackEndpoints).instance?.namespace ?? "azure-iot-operations";
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...portalEnv(ep, stack.portalIdentity), PORT: String(port), NEXT_DIST_DIR: TEST_DIST_DIR,
    KEY_VAULT_INDEX_REFRESH_SECONDS: "3600", LOG_LEVEL: "warn" };
  let portalPid: number | undefined;
  try {
    await ensurePortalBuild(ROOT, env);
    const spc = (await kube.json<{ spec: { secretProviderClassName: string } }>("GET",
      `/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/${ns}/secretsyncs/kafka-sasl`)).spec.secretProviderClassName;
    const seeded = await secretCount(kube, ns);
    await seedCluster(kube, ns, spc, 0, SMALL);
    await waitForSecrets(kube, ns, seeded + SMALL.syncs);

    const portal = spawnNode([join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
      { cwd: ROOT, env, logFile: join(dataDir, "portal.log") });
    portalPid = portal.pid!;
    await waitFor("portal", async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), { timeoutMs: 60_000, child: portal });
    const token = await automationApiToken(ep);
    const headers = { authorization: `Bearer ${token}`, "accept-encoding": "gzip" };
    const list = async (query = `limit=${SYNCED_SECRETS_PAGE_SIZE}`) => {
      const res = await fetch(`${base}/api/synced-secrets?${query}`, { headers });
      if (!res.ok) throw new Error(`GET /api/synced-secrets: ${res.status} ${await res.text()}`);
      return syncedSecretList.parse(await res.json());
    };
    await waitFor("name index", async () => ((await list()).index.state === "ready" ? true : undefined), { timeoutMs: 120_000 });

    const small = await measure(list, ep, SMALL.syncs);
    await seedCluster(kube, ns, spc, SMALL.syncs, { syncs: LARGE.syncs - SMALL.syncs, endpoints: LARGE.endpoints - SMALL.endpoints },
      SMALL.endpoints);
    await waitForSecrets(kube, ns, seeded + LARGE.syncs);
    await waitFor("the watch cache", async () => ((await list()).matching >= LARGE.syncs ? true : undefined), { timeoutMs: 60_000 });
    const large = await measure(list, ep, LARGE.syncs);
    const wholeList: number[] = [];
    for (let i = 0; i < 5; i++) {
      wholeList.push(await timed(async () => {
        for (let offset = 0, more = true; more; offset += 500) {
          const page = await list(`offset=${offset}&limit=500`);
          more = offset + page.items.length < page.matching;
        }
      }));
    }

    for (const standIn of ["key-vault", "kube"] as const) await resetStats(standIn, ep);
    const firstPage = `${base}/api/synced-secrets?limit=${SYNCED_SECRETS_PAGE_SIZE}`;
    const load = await autocannon({ url: firstPage, connections: READERS, duration: READ_SECONDS, headers });
    const loadCalls = { kube: apiCalls(await readStats("kube", ep)), keyVault: (await readStats("key-vault", ep)).total };
    // As browsers re-read it: their copy is current, so each read is a revalidation answered 304 without a body.
    const etag = (await fetch(firstPage, { headers })).headers.get("etag") ?? "";
    const revalidating = await autocannon({ url: firstPage, connections: READERS, duration: READ_SECONDS,
      headers: { ...headers, "if-none-match": etag } });
    // What the server answers at all under that load, for scale: a route with a 100-byte body.
    const baseline = await autocannon({ url: `${base}/api/instance`, connections: READERS, duration: READ_SECONDS, headers });

    const result = {
      at: new Date().toISOString(),
      small: { ...SMALL, ...small.report },
      large: { ...LARGE, ...large.report },
      timeRatioLargeToSmall: round(large.medianMs / small.medianMs, 2),
      wholeLargeListInPagesOf500MedianMs: round(median(wholeList)),
      concurrentReaders: {
        readers: READERS, seconds: READ_SECONDS, syncedSecrets: LARGE.syncs,
        requestsPerSecond: round(load.requests.average), p50Ms: load.latency.p50, p99Ms: load.latency.p99, target: "p99 ≤ 200 ms",
        errors: load.errors, timeouts: load.timeouts, non2xx: load.non2xx, requests: load.requests.total,
        kubernetesCallsPerRequest: round(loadCalls.kube.calls / Math.max(1, load.requests.total), 4),
        keyVaultCallsPerRequest: round(loadCalls.keyVault / Math.max(1, load.requests.total), 4),
      },
      concurrentRevalidations: loadSummary(revalidating, "304 answers"),
      concurrentBaselineInstanceRoute: loadSummary(baseline, "GET /api/instance, same readers"),
    };
    mkdirSync(join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(join(ROOT, "bench/results", `synced-secrets-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    kube.close();
    if (portalPid) await stopGroup(portalPid);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function loadSummary(r: autocannon.Result, what: string) {
  return { what, requestsPerSecond: round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99,
    requests: r.requests.total, errors: r.errors, non2xx: r.non2xx, status304: r["3xx"] };
}

type List = () => Promise<{ items: unknown[]; matching: number }>;

/** Median time once warm; calls to each stand-in over {@link COUNTED} requests; the body's size. */
async function measure(list: List, ep: StackEndpoints, expected: number) {
  for (let i = 0; i < 5; i++) await list();                 // warm: cache listed and watching, snapshot built
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) ms.push(await timed(async () => { rows = (await list()).matching; }));
  if (rows < expected) throw new Error(`the list matches ${rows} rows, expected at least ${expected}`);
  for (const standIn of ["key-vault", "kube"] as const) await resetStats(standIn, ep);
  let body = "";
  for (let i = 0; i < COUNTED; i++) body = JSON.stringify(await list());
  const kube = apiCalls(await readStats("kube", ep));
  const vault = await readStats("key-vault", ep);
  return {
    medianMs: median(ms),
    report: {
      rows, medianMs: round(median(ms)), p95Ms: round(percentile(ms, 95)),
      kubernetesCallsPerRequest: round(kube.calls / COUNTED, 3), kubernetesCallsByRoute: kube.byRoute, watchesMeanwhile: kube.watches,
      keyVaultCallsPerRequest: round(vault.total / COUNTED, 3),
      bytes: Buffer.byteLength(body), gzipBytes: gzipSync(body).length,
    },
  };
}

/** Calls other than watches (a watch resumes now and then; it is no per-request call). */
function apiCalls(stats: HookStats) {
  const byRoute = Object.fromEntries(Object.entries(stats.byRoute).filter(([route]) => !route.startsWith("WATCH ")));
  const watches = Object.entries(stats.byRoute).filter(([route]) => route.startsWith("WATCH ")).reduce((n, [, c]) => n + c, 0);
  return { calls: Object.values(byRoute).reduce((n, c) => n + c, 0), byRoute, watches };
}

/**
 * SecretSyncs `bench-ss-<n>` on the default class mapping the seeded Kafka secrets (the controller syncs them), and
 * endpoints referencing them: every other one a Device (username/password), the rest DataflowEndpoints (secretRef).
 */
async function seedCluster(kube: KubeRest, ns: string, spc: string, from: number, count: { syncs: number; endpoints: number },
  endpointsFrom = 0) {
  const group = (g: string, v: string, plural: string) => `/apis/${g}/${v}/namespaces/${ns}/${plural}`;
  const tasks: (() => Promise<unknown>)[] = [];
  const syncName = (n: number) => `bench-ss-${String(n).padStart(4, "0")}`;
  for (let n = from; n < from + count.syncs; n++) {
    tasks.push(() => kube.json("POST", group("secret-sync.x-k8s.io", "v1alpha1", "secretsyncs"), {
      apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
      metadata: { name: syncName(n), labels: { "app.kubernetes.io/managed-by": "ops-portal" } },
      spec: { secretProviderClassName: spc, serviceAccountName: "aio-ssc-sa", secretObject: { type: "Opaque",
        data: [{ sourcePath: "kafka-sasl-username", targetKey: "username" }, { sourcePath: "kafka-sasl-password", targetKey: "password" }] } },
    }));
  }
  for (let e = endpointsFrom; e < endpointsFrom + count.endpoints; e++) {
    const target = syncName(e);
    const name = `bench-ep-${String(e).padStart(4, "0")}`;
    tasks.push(() => (e % 2 === 0
      ? kube.json("POST", group("namespaces.deviceregistry.microsoft.com", "v1", "devices"), {
        apiVersion: "namespaces.deviceregistry.microsoft.com/v1", kind: "Device", metadata: { name },
        spec: { enabled: true, endpoints: { inbound: { "opc-ua": { address: "opc.tcp://10.50.0.1:4840", endpointType: "Microsoft.OpcUa",
          authentication: { method: "UsernamePassword", usernamePasswordCredentials: {
            usernameSecretName: `${target}/username`, passwordSecretName: `${target}/password` } } } } } } })
      : kube.json("POST", group("connectivity.iotoperations.azure.com", "v1", "dataflowendpoints"), {
        apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint", metadata: { name },
        spec: { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "kafka.contoso.example:9093",
          authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: target } }, tls: { mode: "Enabled" } } } })));
  }
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

async function secretCount(kube: KubeRest, ns: string): Promise<number> {
  const list = await kube.json<{ items: unknown[] }>("GET", `/api/v1/namespaces/${ns}/secrets?labelSelector=secrets-store.sync.x-k8s.io`);
  return list.items.length;
}

/** The controller has synced them all: one Secret each. */
async function waitForSecrets(kube: KubeRest, ns: string, count: number) {
  await waitFor(`${count} synced Secrets`, async () => ((await secretCount(kube, ns)) >= count ? true : undefined), { timeoutMs: 600_000 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
