/**
 * The Secrets page in Chromium (Debian's /usr/bin/chromium through Playwright's engine) with 20 and with 2,000 synced
 * secrets: not part of `npm test`.
 *  1. Time to the first row: from navigation start to the first `synced-secret-row` in the DOM (a MutationObserver
 *     put in before the page's scripts run), each load in a fresh browser (cold HTTP cache, session restored);
 *     median of {@link RUNS} after one unmeasured load. Target: 2,000 within 1.5× of 20.
 *  2. Time to scroll through every row: the table's scroll region moved down one view at a time, two animation
 *     frames after each step, until its end (the rows come a page at a time as the end nears: at the end of those
 *     loaded it waits for the next page); every row's name must have been rendered on the way (the virtualised
 *     table renders only the rows near the view), and the most rows in the DOM at once is reported.
 *  3. JS heap after the list is shown (CDP `Runtime.getHeapUsage` after a forced GC), and the DOM's element count.
 * Runs its own stack (sync controller poll at one hour: it syncs each new SecretSync once, then is quiet, so no
 * change arrives mid-measure) and portal on free ports with a temporary data folder; the operator signs in through
 * the identity stand-in once per size. Seeds with plain Kubernetes REST (bench/support/kube-rest.ts): SecretSyncs
 * `bench-page-<n>` mapping the seeded Kafka vault secrets, a quarter of them used by a DataflowEndpoint. Writes
 * bench/results/secrets-page-browser-<time>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { syncedSecretList } from "../lib/schemas/synced-secret-list";
import { portalEnv } from "../scripts/portal-env";
import { startStackProcess } from "../scripts/stack-process";
import { automationApiToken } from "../e2e/support/api-tokens";
import { ensurePortalBuild, TEST_DIST_DIR } from "../e2e/support/portal-build";
import { freePort, spawnNode, stopGroup, waitFor } from "../e2e/support/processes";
import { captureSession, restoreSession, type SessionSnapshot } from "../e2e/support/sign-in";
import { median, round } from "./stats";
import { KubeRest } from "./support/kube-rest";

const ROOT = resolve(__dirname, "..");
const SIZES = [20, 2_000] as const;
const RUNS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const VIEWPORT = { width: 1440, height: 900 };
/** In the error `scrollThrough` throws when no frame comes; it cannot share constants (it runs in the page). */
const FRAME_STALL = "(frame stall)";
const MAX_STALLS = 6;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "ops-portal-bench-page-"));
  // One sync per new SecretSync, then quiet: no live change lands in the middle of a measurement.
  process.env.SYNC_INTERVAL = "1h";
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, portKube: 0, portalUrl: base, stdio: "ignore" });
  const ep = stack.endpoints;
  const kube = new KubeRest(ep.kubeconfig);
  const ns = ep.instance?.namespace ?? "azure-iot-operations";
  const env = { ...process.env, ...portalEnv(ep, stack.portalIdentity), PORT: String(port), NEXT_DIST_DIR: TEST_DIST_DIR,
    KEY_VAULT_INDEX_REFRESH_SECONDS: "3600", LOG_LEVEL: "warn" };
  let portalPid: number | undefined;
  let browser: Browser | undefined;
  try {
    await ensurePortalBuild(ROOT, env);
    const portal = spawnNode([join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
      { cwd: ROOT, env, logFile: join(dataDir, "portal.log") });
    portalPid = portal.pid!;
    await waitFor("portal", async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), { timeoutMs: 60_000, child: portal });
    const token = await automationApiToken(ep);
    const list = async (query = "") => {
      const res = await fetch(`${base}/api/synced-secrets?limit=1${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET /api/synced-secrets: ${res.status} ${await res.text()}`);
      return syncedSecretList.parse(await res.json());
    };
    const spc = (await list()).defaultSecretProviderClass;
    if (!spc) throw new Error("the seeded instance has no default SecretProviderClass");

    browser = await launchChromium();
    const results: Record<number, Awaited<ReturnType<typeof measureSize>>> = {};
    let seeded = 0;
    for (const size of SIZES) {
      // The demo's own synced secrets count too: add what is missing to reach the size.
      seeded = await seedTo(kube, ns, spc, size - (await list()).total, seeded);
      // Every row in and synced: the page then shows a settled list, and nothing changes while it is measured.
      await waitFor(`${size} synced secrets, all synced`, async () => {
        const [all, syncing] = [await list(), await list("&state=syncing")];
        return all.total >= size && syncing.matching === 0 ? true : undefined;
      }, { timeoutMs: 900_000 });
      const session = await captureSession(browser, base, "operator");
      results[size] = await measureSize(base, session, size);
    }

    const small = results[SIZES[0]]!;
    const large = results[SIZES[1]]!;
    const result = {
      at: new Date().toISOString(),
      chromium: browser.version(),
      viewport: VIEWPORT,
      runs: RUNS,
      small,
      large,
      firstRowRatioLargeToSmall: round(large.firstRowMedianMs / small.firstRowMedianMs, 2),
      target: "first row with 2,000 ≤ 1.5 × with 20",
    };
    mkdirSync(join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(join(ROOT, "bench/results", `secrets-page-browser-${result.at.replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser?.close();
    kube.close();
    if (portalPid) await stopGroup(portalPid);
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Put in every page before its scripts: notes when the first row reaches the DOM (ms since navigation start). */
function observeFirstRow() {
  const w = window as unknown as { __benchFirstRowAt?: number };
  const seen = () => document.querySelector('[data-testid="synced-secret-row"]') !== null;
  const observer = new MutationObserver(() => {
    if (w.__benchFirstRowAt === undefined && seen()) {
      w.__benchFirstRowAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page: scroll the table's region one view at a time to its end, noting every row rendered on the way. */
async function scrollThrough() {
  const region = document.querySelector<HTMLElement>('[data-testid="synced-secrets-table-scroll"]')!;
  const total = Number(region.querySelector("table")!.getAttribute("aria-rowcount")) - 1;
  const names = new Set<string>();
  // Two animation frames: the virtualiser has rendered the rows for the new position. Never a silent hang.
  const frames = () => new Promise((resolve, reject) => {
    const stalled = setTimeout(() => reject(new Error("no animation frame for 10 s (frame stall)")), 10_000);
    requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(stalled); resolve(undefined); }));
  });
  const started = performance.now();
  let steps = 0;
  let mostRendered = 0;
  for (let guard = 0; guard < 20_000; guard++) {
    const rows = region.querySelectorAll<HTMLElement>('[data-testid="synced-secret-row"]');
    mostRendered = Math.max(mostRendered, rows.length);
    for (const r of rows) names.add(r.dataset.secretName ?? "");
    if (region.scrollTop + region.clientHeight >= region.scrollHeight - 1) {
      // At the end of the rows loaded so far: the next page comes (the table asks for it as the end nears).
      const before = region.scrollHeight;
      for (let wait = 0; wait < 300 && region.scrollHeight === before
        && region.querySelector('[data-testid="synced-secrets-table-more"]'); wait++) await frames();
      if (region.scrollHeight === before) break;
    }
    region.scrollTop += region.clientHeight;
    steps++;
    await frames();
  }
  return { ms: performance.now() - started, steps, rowsSeen: names.size, total, mostRendered };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM,
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
}

async function measureSize(base: string, session: SessionSnapshot, size: number) {
  const firstRow: number[] = [];
  const scrolls: Awaited<ReturnType<typeof scrollThrough>>[] = [];
  const heapMb: number[] = [];
  let domElements = 0;
  let stalls = 0;
  // Run -1 warms the portal up for this size (its first render of the page, the list's first pages) and is not kept.
  for (let run = -1; run < RUNS; run++) {
    // A browser of its own per run, so that none inherits another's state (and a frame stall, below, ends with it).
    const browser = await launchChromium();
    // The identity stand-in serves HTTPS with the stack's own CA (as the e2e tests, which also ignore it).
    const context = await browser.newContext({ baseURL: base, viewport: VIEWPORT, ignoreHTTPSErrors: true });
    try {
      await restoreSession(context, base, session);
      // tsx names functions through a `__name` helper; the page has none when a function is sent there to run.
      await context.addInitScript({ content: "window.__name = (f) => f;" });
      await context.addInitScript(observeFirstRow);
      const page = await context.newPage();
      await page.goto("/secrets");
      await page.waitForSelector('[data-testid="synced-secret-row"]', { timeout: 120_000 });
      const first = await page.evaluate(() => (window as unknown as { __benchFirstRowAt: number }).__benchFirstRowAt);
      const rowCount = Number(await page.getAttribute('[data-testid="synced-secrets-table"]', "aria-rowcount")) - 1;
      if (rowCount < size) throw new Error(`the page lists ${rowCount} synced secrets, expected ${size}`);
      const scroll = await page.evaluate(scrollThrough);
      if (scroll.rowsSeen !== scroll.total) throw new Error(`scrolled past ${scroll.rowsSeen} of ${scroll.total} rows`);
      const cdp = await context.newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize / 1_048_576;
      domElements = await page.evaluate(() => document.getElementsByTagName("*").length);
      if (run >= 0) {
        firstRow.push(first);
        scrolls.push(scroll);
        heapMb.push(heap);
      }
    } catch (err) {
      // Headless Chromium now and then stops producing frames for a page (no animation frame, no scroll event, no
      // screenshot) while its main thread is idle; a fresh browser runs fine. Such a run is run again, and counted.
      if (!String(err).includes(FRAME_STALL) || ++stalls > MAX_STALLS) throw err;
      run--;
    } finally {
      await context.close();
      await browser.close();
    }
  }
  const scrollMs = scrolls.map((s) => s.ms);
  return {
    syncedSecrets: size,
    firstRowMedianMs: round(median(firstRow)),
    firstRowMs: firstRow.map((ms) => round(ms)),
    scrollThroughMedianMs: round(median(scrollMs)),
    scrollSteps: scrolls[0]!.steps,
    rowsSeenWhileScrolling: scrolls[0]!.rowsSeen,
    mostRowsInDomAtOnce: Math.max(...scrolls.map((s) => s.mostRendered)),
    jsHeapUsedMedianMb: round(median(heapMb)),
    headlessFrameStallsRunAgain: stalls,
    domElementsAfterScroll: domElements,
  };
}

/**
 * Adds `count` SecretSyncs (`bench-page-<n>` from `from` on) on the default class, mapping the seeded Kafka vault
 * secrets so the controller syncs them; every fourth is used by a DataflowEndpoint (a row with a user). Returns how
 * many this bench has made in all.
 */
async function seedTo(kube: KubeRest, ns: string, spc: string, count: number, from: number): Promise<number> {
  const path = (group: string, plural: string) => `/apis/${group}/namespaces/${ns}/${plural}`;
  const tasks: (() => Promise<unknown>)[] = [];
  for (let n = from; n < from + count; n++) {
    const name = `bench-page-${String(n).padStart(4, "0")}`;
    tasks.push(() => kube.json("POST", path("secret-sync.x-k8s.io/v1alpha1", "secretsyncs"), {
      apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
      metadata: { name, labels: { "app.kubernetes.io/managed-by": "ops-portal" } },
      spec: { secretProviderClassName: spc, serviceAccountName: "aio-ssc-sa", secretObject: { type: "Opaque",
        data: [{ sourcePath: "kafka-sasl-username", targetKey: "username" }, { sourcePath: "kafka-sasl-password", targetKey: "password" }] } },
    }));
    if (n % 4 === 0) {
      tasks.push(() => kube.json("POST", path("connectivity.iotoperations.azure.com/v1", "dataflowendpoints"), {
        apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint", metadata: { name: `${name}-kafka` },
        spec: { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "kafka.contoso.example:9093",
          authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: name } }, tls: { mode: "Enabled" } } },
      }));
    }
  }
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
  return from + Math.max(0, count);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
