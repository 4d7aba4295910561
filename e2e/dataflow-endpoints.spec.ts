import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { certificateAndKey, unique } from "./support/device-bodies";
import { createNewSecret, pickFromKeyVault } from "./support/device-form-page";
import { readEndpoints } from "./support/endpoints";
import { kubectl } from "./support/kubectl";
import { VaultRest } from "./support/vault-rest";

// One seeded cluster and vault for all; one journey at a time (one worker), each with its own names.

const vault = () => new VaultRest(readEndpoints());
const jsonpath = (kind: string, name: string, path: string) =>
  kubectl(["get", kind, name, "--ignore-not-found", "-o", `jsonpath={${path}}`]);
const secretData = (name: string, key: string) =>
  Buffer.from(jsonpath("secret", name, `.data.${key.replace(/\./g, "\\.")}`), "base64").toString("utf8");
const spcObjects = () => {
  const spc = jsonpath("secretsync", "kafka-sasl", ".spec.secretProviderClassName");
  return [...jsonpath("secretproviderclass", spc, ".spec.parameters.objects").matchAll(/objectName:\s*(\S+)/g)].map((m) => m[1]!);
};

const secretField = (page: Page, field: string) => page.locator(`[data-testid="dataflow-endpoint-secret-field"][data-field="${field}"]`);

async function startCreate(page: Page, kind: string, name: string) {
  await page.goto("/dataflow-endpoints/new");
  await page.getByTestId(`dataflow-endpoint-kind-${kind}`).check();
  await page.getByTestId("dataflow-endpoint-name").fill(name);
}

async function reviewAndSave(page: Page, testInfo?: import("@playwright/test").TestInfo, shot?: string) {
  await page.getByTestId("dataflow-endpoint-review").click();
  const review = page.getByTestId("dataflow-endpoint-review-dialog");
  await expect(review.getByTestId("dataflow-endpoint-review-plan")).toBeVisible({ timeout: 20_000 });
  if (testInfo && shot) await snap(page, testInfo, shot);
  await review.getByTestId("dataflow-endpoint-review-save").click();
}

async function expectSaved(page: Page, name: string, state: "synced" | null) {
  await expect(page).toHaveURL(new RegExp(`/dataflow-endpoints/${name}$`), { timeout: 20_000 });
  if (state) {
    await expect(page.getByTestId("dataflow-endpoint-save-status").getByTestId("dataflow-endpoint-sync-state"))
      .toHaveAttribute("data-state", state, { timeout: 45_000 });
  }
}

test("Event Hubs with SASL through Create new secret: the Secret holds $ConnectionString and the connection string", async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const name = `e2e-eh-${unique()}`;
  const sentinel = `${unique()}${unique()}`;
  const connection = `Endpoint=sb://contoso-${unique()}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sentinel}=`;
  const bodies: string[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) void r.text().then((t) => bodies.push(t), () => undefined);
  });
  await startCreate(page, "Kafka-Eventhub", name);
  await page.getByTestId("dataflow-endpoint-host").fill("contoso-aio.servicebus.windows.net:9093");
  await expect(page.getByTestId("dataflow-endpoint-connection-string-note")).toContainText("$ConnectionString");
  await createNewSecret(page, secretField(page, "password"), `${name}-connection`, connection);
  await snap(page, testInfo, "dataflow-eventhub-form");
  await expectAccessible(page, testInfo);
  await reviewAndSave(page, testInfo, "dataflow-eventhub-review");
  await expectSaved(page, name, "synced");
  await snap(page, testInfo, "dataflow-eventhub-saved");

  const synced = jsonpath("dataflowendpoint", name, ".spec.kafkaSettings.authentication.saslSettings.secretRef");
  expect(synced).not.toBe("");
  expect(jsonpath("dataflowendpoint", name, ".spec.kafkaSettings.authentication.saslSettings.saslType")).toBe("Plain");
  expect(secretData(synced, "username")).toBe("$ConnectionString");
  expect(secretData(synced, "password")).toBe(connection);
  expect(await vault().secretValue(`${name}-connection`)).toBe(connection);

  // Sentinel: the key typed in the form appears in no API answer, page, browser storage, TanStack cache, audit entry
  // or portal log line.
  const caches = await page.evaluate(() => {
    const qc = (window as unknown as { __opsPortalQueryClient?: { getQueryCache(): { getAll(): unknown[] }; getMutationCache(): { getAll(): unknown[] } } }).__opsPortalQueryClient;
    if (!qc) return null;
    const pick = (q: unknown) => {
      const o = q as { queryKey?: unknown; mutationId?: unknown; state?: unknown };
      return { key: o.queryKey ?? o.mutationId, state: o.state };
    };
    return JSON.stringify([qc.getQueryCache().getAll().map(pick), qc.getMutationCache().getAll().map(pick)],
      (_k, v: unknown) => (typeof v === "function" ? undefined : v));
  });
  expect(caches, "the e2e build exposes the QueryClient").not.toBeNull();
  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const audit = await (await request.get("/api/activity")).text();
  const logs = readFileSync(join(dirname(dirname(readEndpoints().caFile)), "portal.log"), "utf8");
  for (const [where, text] of [["API responses", bodies.join("\n")], ["page HTML", await page.content()], ["browser storage", storage],
    ["TanStack caches", caches ?? ""], ["audit log", audit], ["portal log", logs]] as const) {
    expect(text.includes(sentinel), `the connection string's key appears in ${where}`).toBe(false);
  }
});

test("MQTT with an X.509 certificate: new certificate and key, the intermediate from Key Vault", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const name = `e2e-mqtt-${unique()}`;
  const leaf = await certificateAndKey(`${name}.contoso.example`);
  const intermediate = await certificateAndKey(`${name}-intermediate`);
  const intermediateName = `${name}-intermediate`;
  await vault().setSecret(intermediateName, intermediate.certificate, { contentType: "application/x-pem-file" });

  await startCreate(page, "Mqtt-CustomMqtt", name);
  await page.getByTestId("dataflow-endpoint-host").fill("mqtt.contoso.example:8883");
  await page.getByTestId("dataflow-endpoint-auth-X509Certificate").check();
  await createNewSecret(page, secretField(page, "certificate"), `${name}-cert`, { file: "client.pem", buffer: Buffer.from(leaf.certificate) });
  await createNewSecret(page, secretField(page, "key"), `${name}-key`, { file: "client.key", buffer: Buffer.from(leaf.key) });
  // The portal's name index refreshes every 5 s in tests: the secret written by the script above is in it by now.
  await page.waitForTimeout(5_500);
  await pickFromKeyVault(page, secretField(page, "intermediateCertificates"), intermediateName, intermediateName);
  await snap(page, testInfo, "dataflow-mqtt-x509-form");
  await reviewAndSave(page);
  await expectSaved(page, name, "synced");

  const synced = jsonpath("dataflowendpoint", name, ".spec.mqttSettings.authentication.x509CertificateSettings.secretRef");
  expect(secretData(synced, "client_cert.pem")).toBe(leaf.certificate);
  expect(secretData(synced, "client_key.pem")).toBe(leaf.key);
  expect(secretData(synced, "client_intermediate_certs.pem")).toBe(intermediate.certificate);
});

test("switching from SASL to managed identity removes the synced secret, then its SPC objects; Key Vault keeps the secrets", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const name = `e2e-kafka-${unique()}`;
  await startCreate(page, "Kafka-CustomKafka", name);
  await page.getByTestId("dataflow-endpoint-host").fill("kafka.contoso.example:9093");
  await page.getByTestId("dataflow-endpoint-auth-Sasl").check();
  await createNewSecret(page, secretField(page, "username"), `${name}-user`, `u-${unique()}`);
  await createNewSecret(page, secretField(page, "password"), `${name}-pass`, `p-${unique()}`);
  await reviewAndSave(page);
  await expectSaved(page, name, "synced");
  const synced = jsonpath("dataflowendpoint", name, ".spec.kafkaSettings.authentication.saslSettings.secretRef");
  expect(jsonpath("secretsync", synced, ".metadata.name")).toBe(synced);

  await page.reload();
  await page.getByTestId("dataflow-endpoint-auth-SystemAssignedManagedIdentity").check();
  await reviewAndSave(page, testInfo, "dataflow-switch-review");
  await expect.poll(() => jsonpath("dataflowendpoint", name, ".spec.kafkaSettings.authentication.method"), { timeout: 20_000 })
    .toBe("SystemAssignedManagedIdentity");
  expect(jsonpath("dataflowendpoint", name, ".spec.kafkaSettings.authentication.saslSettings")).toBe("");
  await expect.poll(() => jsonpath("secretsync", synced, ".metadata.name"), { timeout: 20_000 }).toBe("");
  // The SPC objects go after the grace period (5 s in tests), at the next save.
  await page.waitForTimeout(6_000);
  await page.reload();
  await reviewAndSave(page);
  await expect.poll(() => spcObjects(), { timeout: 20_000 }).not.toContain(`${name}-user`);
  expect(spcObjects()).not.toContain(`${name}-pass`);
  expect(await vault().getSecret(`${name}-user`)).toBeDefined();
  expect(await vault().getSecret(`${name}-pass`)).toBeDefined();
  await snap(page, testInfo, "dataflow-switched-to-managed-identity");
});

test("every other endpoint type is created from the form", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const cases: Array<{ kind: string; fill: (p: Page) => Promise<void> }> = [
    { kind: "Mqtt-LocalBroker", fill: async () => undefined },
    { kind: "Mqtt-EventGrid", fill: async (p) => p.getByTestId("dataflow-endpoint-host").fill("contoso.westeurope-1.ts.eventgrid.azure.net:8883") },
    { kind: "Kafka-FabricRT", fill: async (p) => {
      await p.getByTestId("dataflow-endpoint-host").fill("esehwe-contoso.servicebus.windows.net:9093");
      await p.getByTestId("dataflow-endpoint-auth-SystemAssignedManagedIdentity").check();
    } },
    { kind: "DataExplorer", fill: async (p) => {
      await p.getByTestId("dataflow-endpoint-host").fill("https://contoso.westeurope.kusto.windows.net");
      await p.getByTestId("dataflow-endpoint-database").fill("telemetry");
    } },
    { kind: "DataLakeStorage", fill: async (p) => p.getByTestId("dataflow-endpoint-host").fill("https://contosoarchive.blob.core.windows.net") },
    { kind: "FabricOneLake", fill: async (p) => {
      await p.getByTestId("dataflow-endpoint-workspace").fill("contoso-ws");
      await p.getByTestId("dataflow-endpoint-lakehouse").fill("telemetry");
      await p.getByTestId("dataflow-endpoint-path-type-Tables").check();
    } },
    { kind: "OpenTelemetry", fill: async (p) => {
      await p.getByTestId("dataflow-endpoint-host").fill("otel-collector.contoso.example:4317");
      await p.getByTestId("dataflow-endpoint-auth-Anonymous").check();
    } },
    { kind: "LocalStorage", fill: async (p) => p.getByTestId("dataflow-endpoint-pvc").fill("telemetry-pvc") },
  ];
  for (const c of cases) {
    const name = `e2e-${c.kind.toLowerCase().replace(/[^a-z]/g, "")}-${unique()}`.slice(0, 40);
    await startCreate(page, c.kind, name);
    await c.fill(page);
    await snap(page, testInfo, `dataflow-form-${c.kind}`);
    await reviewAndSave(page);
    await expectSaved(page, name, null);
    expect(jsonpath("dataflowendpoint", name, ".metadata.name"), c.kind).toBe(name);
  }
  await page.goto("/dataflow-endpoints");
  await expect(page.locator('[data-testid="dataflow-endpoint-row"][data-name="default"]')).toBeVisible();
  await snap(page, testInfo, "dataflow-endpoints-list");
  await expectAccessible(page, testInfo);
});

test.describe("as a reader", () => {
  test.use({ signedInAs: "reader" });
  test("sees the endpoints with no write controls", async ({ page }) => {
    await page.goto("/dataflow-endpoints");
    await expect(page.locator('[data-testid="dataflow-endpoint-row"][data-name="kafka-telemetry"]')).toBeVisible();
    await expect(page.getByTestId("dataflow-endpoint-create")).toHaveCount(0);
    await expect(page.getByTestId("dataflow-endpoint-edit")).toHaveCount(0);
  });
});
