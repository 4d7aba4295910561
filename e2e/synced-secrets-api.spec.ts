import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { existingRef, unique, usernamePasswordDevice } from "./support/device-bodies";
import { portalUrl, readEndpoints } from "./support/endpoints";
import { kubectl } from "./support/kubectl";
import { resetStackHooks, setLatency } from "./support/stack-hooks";
import { VaultRest } from "./support/vault-rest";

/**
 * The Secrets page's API at request level (Playwright's `request`, the automation client's operator token):
 * bad input, 404, 409 and dry runs of every route; the system synced secret refused for sync now, rotate and delete;
 * sync now reaching the controller; rotate reaching the Secret; the live stream; the no-dangling race between a
 * device save and a delete; and a rotated value appearing in no answer, audit entry or log line.
 */

// The tests share the seeded cluster and vault, and the race sets latency on the Kubernetes stand-in.
test.describe.configure({ mode: "serial" });
test.afterEach(async () => { await resetStackHooks(); });

const SYSTEM = "aio-opc-ua-broker-trust-list";
const SYSTEM_SOURCE = "contoso-root-ca-der";
const vault = () => new VaultRest(readEndpoints());
const exists = (kind: string, name: string) => kubectl(["get", kind, name, "--ignore-not-found", "-o", "name"]).trim() !== "";
const defaultSpc = () => kubectl(["get", "secretsync", "kafka-sasl", "-o", "jsonpath={.spec.secretProviderClassName}"]).trim();
const jsonpath = (kind: string, name: string, path: string) => kubectl(["get", kind, name, "-o", `jsonpath={${path}}`]).trim();

/** Every answer body this spec saw, for the sentinel check at the end. */
const bodies: string[] = [];
async function body<T = Record<string, unknown>>(res: APIResponse): Promise<T> {
  const text = await res.text();
  bodies.push(text);
  return (text ? JSON.parse(text) : null) as T;
}

/** A SecretSync on the default class as the portal or another tool makes it, mapping the seeded Kafka secrets. */
function createSync(name: string, o: { portal: boolean; spc?: string }) {
  kubectl(["create", "-f", "-"], JSON.stringify({
    apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
    metadata: { name, ...(o.portal && { labels: { "app.kubernetes.io/managed-by": "ops-portal" } }) },
    spec: { secretProviderClassName: o.spc ?? defaultSpc(), serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: [{ sourcePath: "kafka-sasl-username", targetKey: "username" },
        { sourcePath: "kafka-sasl-password", targetKey: "password" }] } },
  }));
}

const rotateBody = (o: Record<string, unknown> = {}) =>
  ({ source: "kafka-sasl-password", value: `rotated-${randomUUID()}`, idempotencyKey: randomUUID(), ...o });

test.describe("reads", () => {
  test("the list has the new row fields and is compressed; the detail joins keys, sources, events and YAML", async ({ request, apiToken }) => {
    // Warnings and vault properties come from the name index: wait for its first full pass.
    await expect.poll(async () => (await body<{ index: { state: string } }>(await request.get("/api/synced-secrets"))).index.state,
      { timeout: 30_000 }).toBe("ready");
    const res = await request.get("/api/synced-secrets?limit=500");
    expect(res.status()).toBe(200);
    const list = await body<{ items: Record<string, unknown>[]; index: { updatedAt: string | null }; defaultSecretProviderClass: string }>(res);
    const kafka = list.items.find((i) => i.name === "kafka-sasl")!;
    expect(kafka).toMatchObject({ system: false, createdBy: { kind: "portal" },
      references: expect.arrayContaining([expect.objectContaining({ targetKey: "password",
        source: expect.objectContaining({ keyVaultSecretName: "kafka-sasl-password", pinnedVersion: null }) })]) });
    // The seeded kafka-sasl-password expires within a week: a warning from the name index.
    expect(kafka.warnings).toContainEqual(expect.objectContaining({ kind: "expiring-soon", source: "kafka-sasl-password" }));
    expect(list.items.find((i) => i.name === SYSTEM)).toMatchObject({ system: true, systemReason: expect.stringContaining("opc-ua-connector") });
    expect(list.defaultSecretProviderClass).toBe(defaultSpc());
    expect(Object.keys(list.index)).toContain("updatedAt");

    // Unchanged since the reader's copy: 304 without a body. The list is live (sync states, the name index's age
    // move on their own), so the pair is asked again until nothing changed in between.
    expect(res.headers().etag).toBeTruthy();
    await expect.poll(async () => {
      const etag = (await request.get("/api/synced-secrets")).headers().etag ?? "";
      return (await request.get("/api/synced-secrets", { headers: { "if-none-match": etag } })).status();
    }, { timeout: 20_000 }).toBe(304);
    // Over 1 KB: compressed on the wire (Next's compression), and decoded it is the JSON (not compressed twice).
    for (const path of ["/api/synced-secrets", "/api/key-vault/secrets"]) {
      const raw = await fetch(`${portalUrl()}${path}`, { headers: { authorization: `Bearer ${apiToken}`, "accept-encoding": "gzip" } });
      expect(raw.headers.get("content-encoding"), path).toBe("gzip");
      const text = await raw.text();
      expect(text.length, path).toBeGreaterThan(1024);
      expect(text.startsWith("{"), path).toBe(true);
    }

    const detail = await body<Record<string, unknown> & { keys: { targetKey: string; keyVaultSecret: unknown }[]; yaml: { secretSync: string; secretProviderClassObjects: string } }>(
      await request.get("/api/synced-secrets/kafka-sasl"));
    expect(detail).toMatchObject({ name: "kafka-sasl", secret: { exists: true, keys: ["password", "username"] },
      usedBy: [expect.objectContaining({ kind: "DataflowEndpoint", name: "kafka-telemetry" })] });
    expect(detail.keys.map((k) => k.targetKey).sort()).toEqual(["password", "username"]);
    expect(detail.keys.every((k) => k.keyVaultSecret !== null)).toBe(true);
    expect(detail.yaml.secretSync).toContain("kind: SecretSync");
    expect(detail.yaml.secretProviderClassObjects).toContain("objectName: kafka-sasl-password");
    // The seeded OPC UA one fails (its vault secrets were never created): the controller recorded Warning events.
    await expect.poll(async () => (await body<{ events: unknown[] }>(await request.get("/api/synced-secrets/opcua-packaging"))).events.length,
      { timeout: 30_000 }).toBeGreaterThan(0);
  });

  test("bad names are 400, missing ones 404", async ({ request }) => {
    const missing = `e2e-missing-${unique()}`;
    for (const [method, path] of [["GET", ""], ["POST", "/sync"], ["DELETE", ""], ["DELETE", "?dryRun=All"]] as const) {
      expect((await request.fetch(`/api/synced-secrets/Not_A_Name${path}`, { method })).status(), `${method} ${path}`).toBe(400);
      expect((await request.fetch(`/api/synced-secrets/${missing}${path}`, { method })).status(), `${method} ${path}`).toBe(404);
    }
    expect((await request.post(`/api/synced-secrets/${missing}/rotate`, { data: rotateBody() })).status()).toBe(404);
    expect((await request.get("/api/synced-secrets?watch=maybe")).status()).toBe(400);
    for (const q of ["limit=0", "limit=501", "offset=-1", "offset=two"]) {
      const res = await request.get(`/api/synced-secrets?${q}`);
      expect(res.status(), q).toBe(400);
      expect(Object.keys((await res.json()).errors), q).toEqual([q.split("=")[0]]);
    }
  });

  test("pages: search, filters and sort are the server's, over every row; each page says how many match", async ({ request }) => {
    const all = await body<{ items: { name: string }[]; matching: number; total: number }>(await request.get("/api/synced-secrets?limit=500"));
    expect(all.matching).toBe(all.total);
    const names = all.items.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    const second = await body<{ items: { name: string }[]; offset: number; limit: number }>(await request.get("/api/synced-secrets?offset=1&limit=2"));
    expect(second).toMatchObject({ offset: 1, limit: 2 });
    expect(second.items.map((i) => i.name)).toEqual(names.slice(1, 3));
    const failed = await body<{ items: { name: string; sync: { state: string } }[]; matching: number; total: number }>(
      await request.get("/api/synced-secrets?state=failed&sort=-name&limit=500"));
    expect(failed.items.every((i) => i.sync.state === "failed")).toBe(true);
    expect(failed.items.map((i) => i.name)).toEqual(failed.items.map((i) => i.name).sort().reverse());
    expect(failed.matching).toBe(failed.items.length);
    expect(failed.total).toBe(all.total);
  });
});

test.describe("the system synced secret", () => {
  test("is refused for sync now, rotate and delete (403 with the reason), and stays as it was", async ({ request }) => {
    const before = kubectl(["get", "secretsync", SYSTEM, "-o", "jsonpath={.metadata.resourceVersion}"]);
    const versionsBefore = (await vault().listVersions(SYSTEM_SOURCE)).length;
    for (const res of [
      await request.post(`/api/synced-secrets/${SYSTEM}/sync`),
      await request.post(`/api/synced-secrets/${SYSTEM}/rotate`, { data: rotateBody({ source: SYSTEM_SOURCE }) }),
      await request.post(`/api/synced-secrets/${SYSTEM}/rotate?dryRun=All`, { data: { source: SYSTEM_SOURCE } }),
      await request.delete(`/api/synced-secrets/${SYSTEM}`),
    ]) {
      expect(res.status()).toBe(403);
      expect((await body<{ detail: string }>(res)).detail).toContain("system synced secret");
    }
    const plan = await body<{ refusal: { status: number } }>(await request.delete(`/api/synced-secrets/${SYSTEM}?dryRun=All`));
    expect(plan.refusal.status).toBe(403);
    const bulk = await body<{ items: { status: number }[] }>(await request.post("/api/synced-secrets/delete", { data: { names: [SYSTEM] } }));
    expect(bulk.items[0]!.status).toBe(403);
    expect(kubectl(["get", "secretsync", SYSTEM, "-o", "jsonpath={.metadata.resourceVersion}"])).toBe(before);
    expect((await vault().listVersions(SYSTEM_SOURCE)).length).toBe(versionsBefore);
  });
});

test.describe("sync now", () => {
  test("sets a new forceSynchronization, and the controller's lastSuccessfulSyncTime follows the click", async ({ request }) => {
    test.setTimeout(90_000);
    const before = jsonpath("secretsync", "kafka-sasl", ".spec.forceSynchronization");
    const clicked = Date.now();
    const res = await request.post("/api/synced-secrets/kafka-sasl/sync");
    expect(res.status()).toBe(200);
    const r = await body<{ forceSynchronization: string; syncRequestedAt: string }>(res);
    expect(r.forceSynchronization).toMatch(/^\d{8}T\d{9}Z-[0-9a-z]{4}$/);
    expect(r.forceSynchronization).not.toBe(before);
    expect(jsonpath("secretsync", "kafka-sasl", ".spec.forceSynchronization")).toBe(r.forceSynchronization);
    // The controller writes whole seconds: "later than the click" counts from the click's second.
    await expect.poll(() => Date.parse(jsonpath("secretsync", "kafka-sasl", ".status.lastSuccessfulSyncTime") || "0"),
      { timeout: 60_000 }).toBeGreaterThanOrEqual(Math.floor(clicked / 1000) * 1000);
    await expect.poll(async () => (await body<{ sync: { state: string } }>(await request.get("/api/synced-secrets/kafka-sasl"))).sync.state,
      { timeout: 10_000 }).toBe("synced");
  });

  test("works on a synced secret another tool made (it changes no key)", async ({ request }) => {
    const name = `e2e-foreign-sync-${unique()}`;
    createSync(name, { portal: false });
    try {
      const res = await request.post(`/api/synced-secrets/${name}/sync`);
      expect(res.status()).toBe(200);
      expect(jsonpath("secretsync", name, ".spec.forceSynchronization")).toBe((await body<{ forceSynchronization: string }>(res)).forceSynchronization);
    } finally {
      kubectl(["delete", "secretsync", name, "--ignore-not-found"]);
    }
  });

  test("reaches the page's live stream: the controller's answer arrives within 2 s of its status write", async ({ request, apiToken }) => {
    test.setTimeout(90_000);
    const controller = new AbortController();
    const res = await fetch(`${portalUrl()}/api/synced-secrets?watch=true`,
      { headers: { authorization: `Bearer ${apiToken}`, "accept-encoding": "gzip" }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    // Never compressed: a compressor would hold events back until its block fills.
    expect(res.headers.get("content-encoding")).toBeNull();
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    const next = async (): Promise<Record<string, unknown> & { type: string }> => {
      for (;;) {
        const nl = buffered.indexOf("\n");
        if (nl >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          return JSON.parse(line) as Record<string, unknown> & { type: string };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffered += value;
      }
    };
    try {
      expect((await next()).type).toBe("ready");
      const clicked = Date.now();
      expect((await request.post("/api/synced-secrets/kafka-sasl/sync")).status()).toBe(200);
      let delayMs: number | null = null;
      const deadline = Date.now() + 60_000;
      while (delayMs === null && Date.now() < deadline) {
        const e = await next();
        if (e.type !== "changed") continue;
        const row = (e.items as { name: string; sync: { state: string; lastSuccessfulSyncTime?: string | null } }[])
          .find((i) => i.name === "kafka-sasl");
        const at = row?.sync.state === "synced" ? Date.parse(row.sync.lastSuccessfulSyncTime ?? "") : Number.NaN;
        if (at >= Math.floor(clicked / 1000) * 1000) delayMs = Date.now() - at;
      }
      expect(delayMs, "the synced state arrived").not.toBeNull();
      // The status time has whole seconds (up to 1 s early): 2 s + that second.
      expect(delayMs!).toBeLessThan(3_000);
    } finally {
      controller.abort();
    }
  });
});

test.describe("rotate", () => {
  test("refuses bad input: no source of it, too large a value, dates out of order, no idempotency key", async ({ request }) => {
    const versions = (await vault().listVersions("kafka-sasl-password")).length;
    const cases: [Record<string, unknown>, string][] = [
      [rotateBody({ source: "mqtt-broker-password" }), "source"],
      [rotateBody({ value: "x".repeat(25 * 1024 + 1) }), "value"],
      [rotateBody({ value: "" }), "value"],
      [rotateBody({ notBefore: "2030-01-02T00:00:00Z", expiresOn: "2030-01-01T00:00:00Z" }), "expiresOn"],
      [rotateBody({ idempotencyKey: undefined }), "idempotencyKey"],
    ];
    for (const [data, field] of cases) {
      const res = await request.post("/api/synced-secrets/kafka-sasl/rotate", { data });
      expect(res.status(), field).toBe(400);
      expect(Object.keys((await body<{ errors: Record<string, string[]> }>(res)).errors), field).toContain(field);
    }
    expect((await vault().listVersions("kafka-sasl-password")).length).toBe(versions);
  });

  test("dry run lists the synced secrets it would sync, writing nothing", async ({ request }) => {
    const versions = (await vault().listVersions("kafka-sasl-password")).length;
    const res = await request.post("/api/synced-secrets/kafka-sasl/rotate?dryRun=All", { data: { source: "kafka-sasl-password" } });
    expect(res.status()).toBe(200);
    const r = await body<{ dryRun: boolean; syncedSecrets: { name: string; action: string }[] }>(res);
    expect(r.dryRun).toBe(true);
    expect(r.syncedSecrets).toContainEqual(expect.objectContaining({ name: "kafka-sasl", action: "sync-now" }));
    expect((await vault().listVersions("kafka-sasl-password")).length).toBe(versions);
  });

  test("kafka-sasl-password: a new vault version, expiry carried over, and the Secret gets the new value; a retry writes nothing", async ({ request }) => {
    test.setTimeout(90_000);
    const v = vault();
    const before = await v.listVersions("kafka-sasl-password");
    const previous = (await v.getSecret("kafka-sasl-password"))!;
    const data = rotateBody();
    const res = await request.post("/api/synced-secrets/kafka-sasl/rotate", { data });
    expect(res.status(), await res.text()).toBe(200);
    const r = await body<{ version: string | null; syncedSecrets: { name: string; result: { outcome: string } | null }[] }>(res);
    expect(r.syncedSecrets).toContainEqual(expect.objectContaining({ name: "kafka-sasl", result: expect.objectContaining({ outcome: "requested" }) }));
    expect((await v.listVersions("kafka-sasl-password")).length).toBe(before.length + 1);
    const now = (await v.getSecret("kafka-sasl-password"))!;
    expect(now.id).not.toBe(previous.id);
    expect(r.version && now.id.endsWith(`/${r.version}`)).toBeTruthy();
    expect(now.attributes.exp).toBe(previous.attributes.exp);
    expect(now.contentType).toBe(previous.contentType);
    await expect.poll(() => Buffer.from(jsonpath("secret", "kafka-sasl", ".data.password"), "base64").toString("utf8") === data.value,
      { timeout: 60_000 }).toBe(true);
    // The same request again (a retry after a lost answer): its tag is on the latest version, nothing is written.
    expect((await request.post("/api/synced-secrets/kafka-sasl/rotate", { data })).status()).toBe(200);
    expect((await v.listVersions("kafka-sasl-password")).length).toBe(before.length + 1);
    sentinels.push(data.value);
  });
});

test.describe("delete", () => {
  test("one still referenced is refused (409) with the references; its plan says why; nothing goes", async ({ request }) => {
    const res = await request.delete("/api/synced-secrets/opcua-packaging");
    expect(res.status()).toBe(409);
    const problem = await body<{ references: { kind: string; name: string }[] }>(res);
    expect(problem.references).toContainEqual(expect.objectContaining({ kind: "Device", name: "packaging-line-2" }));
    const plan = await body<{ refusal: { status: number }; usedBy: unknown[]; stays: { keyVaultSecrets: string[] } }>(
      await request.delete("/api/synced-secrets/kafka-sasl?dryRun=All"));
    expect(plan.refusal.status).toBe(409);
    expect(plan.stays.keyVaultSecrets).toEqual(["kafka-sasl-password", "kafka-sasl-username"]);
    expect(exists("secretsync", "opcua-packaging") && exists("secretsync", "kafka-sasl")).toBe(true);
  });

  test("one another tool made: the plan names its creator; the delete goes through, its Secret follows, a retry is 404", async ({ request }) => {
    test.setTimeout(60_000);
    const name = `e2e-foreign-del-${unique()}`;
    createSync(name, { portal: false });
    await expect.poll(() => exists("secret", name), { timeout: 30_000 }).toBe(true);
    const plan = await body<{ createdBy: { kind: string; fieldManager: string | null }; refusal: unknown;
      goes: { kubernetesSecret: { exists: boolean } }; stays: { keyVaultSecrets: string[] } }>(
      await request.delete(`/api/synced-secrets/${name}?dryRun=All`));
    expect(plan).toMatchObject({ createdBy: { kind: "other", fieldManager: expect.stringContaining("kubectl") }, refusal: null,
      goes: { kubernetesSecret: { exists: true } }, stays: { keyVaultSecrets: ["kafka-sasl-password", "kafka-sasl-username"] } });
    expect(exists("secretsync", name)).toBe(true);
    expect((await request.delete(`/api/synced-secrets/${name}`)).status()).toBe(204);
    expect(exists("secretsync", name)).toBe(false);
    await expect.poll(() => exists("secret", name), { timeout: 30_000 }).toBe(false);
    expect((await request.delete(`/api/synced-secrets/${name}`)).status()).toBe(404);
  });

  test("bulk: each name answered as its own delete; bad bodies are 400", async ({ request }) => {
    const a = `e2e-bulk-a-${unique()}`;
    const b = `e2e-bulk-b-${unique()}`;
    createSync(a, { portal: true });
    createSync(b, { portal: false });
    const names = [a, b, "opcua-packaging", SYSTEM, `e2e-missing-${unique()}`];
    const dry = await body<{ items: { name: string; status: number; outcome: string }[] }>(
      await request.post("/api/synced-secrets/delete?dryRun=All", { data: { names } }));
    expect(dry.items.map((i) => i.status)).toEqual([200, 200, 409, 403, 404]);
    expect(exists("secretsync", a) && exists("secretsync", b)).toBe(true);
    const res = await request.post("/api/synced-secrets/delete", { data: { names } });
    expect(res.status()).toBe(200);
    const real = await body<{ items: { name: string; status: number; outcome: string; usedBy: { name: string }[] }[] }>(res);
    expect(real.items.map((i) => [i.status, i.outcome])).toEqual([[204, "deleted"], [204, "deleted"], [409, "in-use"],
      [403, "refused"], [404, "not-found"]]);
    expect(real.items[2]!.usedBy.map((u) => u.name)).toContain("packaging-line-2");
    expect(exists("secretsync", a) || exists("secretsync", b)).toBe(false);
    for (const data of [{ names: [] }, { names: [a, a] }, { names: ["Not_A_Name"] }, {}]) {
      expect((await request.post("/api/synced-secrets/delete", { data })).status(), JSON.stringify(data)).toBe(400);
    }
    // Each name has its own audit entry, with its own outcome.
    const activity = (await body<{ items: { resources: string[]; outcome: string; status: number | null }[] }>(
      await request.get("/api/activity?action=synced-secret.delete&pageSize=200"))).items;
    const entryOf = (n: string) => activity.filter((e) => e.resources.includes(`secretsyncs/${n}`)).map((e) => [e.resources[0], e.outcome, e.status]);
    expect(entryOf(a)).toContainEqual([`secretsyncs/${a}`, "succeeded", 204]);
    expect(entryOf(b)).toContainEqual([`secretsyncs/${b}`, "succeeded", 204]);
    expect(entryOf("opcua-packaging")).toContainEqual(["secretsyncs/opcua-packaging", "failed", 409]);
    expect(entryOf(SYSTEM)).toContainEqual([`secretsyncs/${SYSTEM}`, "denied", 403]);
    expect(activity.filter((e) => e.resources.includes(`secretsyncs/${a}`) && e.resources.includes(`secretsyncs/${b}`))).toEqual([]);
  });

  test("the bulk path is also that of a synced secret named \"delete\": its details and its own delete answer there", async ({ request }) => {
    createSync("delete", { portal: false });
    try {
      // At once: one the watch cache has not seen yet is read from the cluster.
      const details = await request.get("/api/synced-secrets/delete");
      expect(details.status(), await details.text()).toBe(200);
      expect((await details.json()).name).toBe("delete");
      expect((await request.delete("/api/synced-secrets/delete")).status()).toBe(204);
      expect(exists("secretsync", "delete")).toBe(false);
      expect((await request.get("/api/synced-secrets/delete")).status()).toBe(404);
    } finally {
      kubectl(["delete", "secretsync", "delete", "--ignore-not-found"]);
    }
  });

  test("race: a save adding a reference to X against a delete of X never leaves a dangling reference", async ({ request }, testInfo) => {
    test.setTimeout(600_000);
    const ROUNDS = 50;
    const spc = defaultSpc();
    // Every Kubernetes call waits: each request's reads and writes spread over hundreds of milliseconds, so the
    // save and the delete interleave instead of running one after the other.
    await setLatency("kube", 60);
    let overlapped = 0;
    const bad: string[] = [];
    const made: { device: string; sync: string }[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const x = `e2e-race-${unique()}`;
        const device = `e2e-race-dev-${unique()}`;
        made.push({ device, sync: x });
        createSync(x, { portal: true, spc });
        const save = usernamePasswordDevice(device, { synced: x, username: existingRef("kafka-sasl-username"),
          password: existingRef("kafka-sasl-password") });
        const offset = Math.floor(Math.random() * 400);
        const timed = async (run: () => Promise<APIResponse>, delay: number) => {
          await new Promise((r) => setTimeout(r, delay));
          const start = Date.now();
          const res = await run();
          return { status: res.status(), start, end: Date.now() };
        };
        const [saved, deleted] = await Promise.all([
          timed(() => request.post("/api/devices", { data: save, failOnStatusCode: false }), 0),
          timed(() => request.delete(`/api/synced-secrets/${x}`, { failOnStatusCode: false }), offset),
        ]);
        if (saved.start < deleted.end && deleted.start < saved.end) overlapped++;
        const deviceRefs = exists("device", device)
          && jsonpath("device", device, ".spec.endpoints.inbound.opc-ua.authentication.usernamePasswordCredentials.usernameSecretName") === `${x}/username`;
        const syncExists = exists("secretsync", x);
        if (deviceRefs !== syncExists) {
          bad.push(`round ${round}: device reference ${deviceRefs}, SecretSync ${syncExists} (save ${saved.status}, delete ${deleted.status})`);
        }
      }
    } finally {
      await setLatency("kube", 0);
      for (const { device, sync } of made) {
        kubectl(["delete", "device", device, "--ignore-not-found", "--wait=false"]);
        kubectl(["delete", "secretsync", sync, "--ignore-not-found", "--wait=false"]);
      }
    }
    testInfo.annotations.push({ type: "overlapped rounds", description: `${overlapped} of ${ROUNDS}` });
    console.log(`[race] ${overlapped} of ${ROUNDS} rounds overlapped`);
    expect(bad).toEqual([]);
    expect(overlapped, "rounds where the save and the delete ran at the same time").toBeGreaterThanOrEqual(25);
  });
});

/** Values rotated in this spec: none may appear in any answer, audit entry or portal log line. */
const sentinels: string[] = [];

test("sentinel: a rotated value appears in no response, audit entry or log line", async ({ request }) => {
  expect(sentinels.length, "the rotate test ran first").toBeGreaterThan(0);
  const audit = await (await request.get("/api/activity?action=synced-secret&pageSize=200")).text();
  const logFile = join(dirname(dirname(readEndpoints().caFile)), "portal.log");
  const logs = readFileSync(logFile, "utf8");
  expect(audit).toContain("synced-secret.rotate");
  for (const value of sentinels) {
    for (const [where, text] of [["API responses", bodies.join("\n")], ["audit log", audit], ["portal log", logs]] as const) {
      expect(text.includes(value), `the rotated value appears in the ${where}`).toBe(false);
    }
  }
});
