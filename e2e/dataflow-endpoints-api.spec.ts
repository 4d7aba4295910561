import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { unique } from "./support/device-bodies";
import { readEndpoints } from "./support/endpoints";
import { kubectl } from "./support/kubectl";
import { VaultRest } from "./support/vault-rest";

// Request level, as a script would call the portal API (the automation client's token, an operator). The tests
// share the seeded cluster and vault; each makes its own names.

const vault = () => new VaultRest(readEndpoints());
const b64 = (s: string) => Buffer.from(s).toString("base64");

const exists = (kind: string, name: string) =>
  kubectl(["get", kind, name, "--ignore-not-found", "-o", "name"]).trim() !== "";

function spcObjectNames(): string[] {
  const spc = kubectl(["get", "secretsync", "kafka-sasl", "-o", "jsonpath={.spec.secretProviderClassName}"]).trim();
  const objects = kubectl(["get", "secretproviderclass", spc, "-o", "jsonpath={.spec.parameters.objects}"]);
  return [...objects.matchAll(/objectName:\s*(\S+)/g)].map((m) => m[1]!);
}

const endpointSpec = (name: string): Record<string, unknown> =>
  JSON.parse(kubectl(["get", "dataflowendpoint", name, "-o", "jsonpath={.spec}"])) as Record<string, unknown>;

const connectionString = (ns: string) => `Endpoint=sb://${ns}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;` +
  `SharedAccessKey=${b64(`e2e-key-${unique()}`)}`;

async function post(request: APIRequestContext, body: Record<string, unknown>, dryRun = false) {
  return request.post(`/api/dataflow-endpoints${dryRun ? "?dryRun=All" : ""}`,
    { data: { idempotencyKey: crypto.randomUUID(), ...body }, failOnStatusCode: false });
}

test("an Event Hubs save ends with a Secret whose username is $ConnectionString and password the connection string", async ({ request }) => {
  const name = `api-eh-${unique()}`;
  const secret = connectionString(name);
  const body = { name, endpointType: "Kafka", hostType: "Eventhub", host: `${name}.servicebus.windows.net:9093`,
    tls: { mode: "Enabled" }, syncedSecretName: `${name}-sasl`,
    authentication: { method: "Sasl", saslType: "Plain", password: { source: "new", keyVaultSecretName: `${name}-conn`, value: secret } } };

  const review = await post(request, body, true);
  expect(review.status(), await review.text()).toBe(200);
  const plan = (await review.json()).plan;
  expect(plan.vaultSecretsToCreate).toContain(`${name}-conn`);
  expect(plan.secretSyncs).toEqual([expect.objectContaining({ name: `${name}-sasl`, action: "create", keysAdded: ["username", "password"] })]);
  expect(plan.dataflowEndpoint).toMatchObject({ name, action: "create" });
  expect(JSON.stringify(plan)).not.toContain(secret);
  expect(exists("dataflowendpoint", name)).toBe(false);

  const res = await post(request, body);
  expect(res.status(), await res.text()).toBe(201);
  expect(JSON.stringify(await res.json())).not.toContain(secret);
  expect(endpointSpec(name)).toEqual({ endpointType: "Kafka", hostType: "Eventhub", kafkaSettings: {
    host: `${name}.servicebus.windows.net:9093`, tls: { mode: "Enabled" },
    authentication: { method: "Sasl", saslSettings: { saslType: "Plain", secretRef: `${name}-sasl` } } } });
  expect(await vault().secretValue("ops-portal-eventhub-username")).toBe("$ConnectionString");

  const key = (k: string) => kubectl(["get", "secret", `${name}-sasl`, "--ignore-not-found", "-o", `jsonpath={.data.${k}}`]);
  await expect.poll(() => key("password"), { timeout: 30_000 }).toBe(b64(secret));
  expect(key("username")).toBe(b64("$ConnectionString"));

  // The edit form gets the connection string back as its Key Vault name only, and no username field.
  const detail = await (await request.get(`/api/dataflow-endpoints/${name}`)).json();
  expect(detail.values.authentication).toEqual({ method: "Sasl", saslType: "Plain", username: null,
    password: { source: "existing", keyVaultSecretName: `${name}-conn` } });
  expect(JSON.stringify(detail)).not.toContain(secret);
});

test("bad input is refused with field paths (problem+json), and nothing is written", async ({ request }) => {
  const name = `api-bad-${unique()}`;
  const res = await post(request, { name, endpointType: "Kafka", hostType: "Eventhub", host: `${name}.servicebus.windows.net`,
    tls: { mode: "Enabled" }, syncedSecretName: `${name}-sasl`,
    authentication: { method: "Sasl", saslType: "Plain", password: { source: "new", keyVaultSecretName: `${name}-conn`, value: "not-a-connection-string" } } });
  expect(res.status()).toBe(400);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const problem = await res.json();
  expect(Object.keys(problem.errors).sort()).toEqual(["authentication.password", "host"]);
  expect(JSON.stringify(problem)).not.toContain("not-a-connection-string");
  expect(exists("dataflowendpoint", name)).toBe(false);
  expect(await vault().getSecret(`${name}-conn`)).toBeUndefined();
});

test("switching a SASL endpoint to managed identity drops its synced secret; SPC objects go after the grace period; Key Vault stays", async ({ request }) => {
  test.setTimeout(90_000);
  const name = `api-kafka-${unique()}`;
  const synced = `${name}-sasl`;
  const created = await post(request, { name, endpointType: "Kafka", hostType: "CustomKafka", host: "kafka.contoso.example:9093",
    tls: { mode: "Enabled" }, syncedSecretName: synced, authentication: { method: "Sasl", saslType: "ScramSha512",
      username: { source: "new", keyVaultSecretName: `${name}-user`, value: `user-${unique()}` },
      password: { source: "new", keyVaultSecretName: `${name}-pass`, value: `pass-${unique()}` } } });
  expect(created.status(), await created.text()).toBe(201);
  await expect.poll(() => exists("secret", synced), { timeout: 30_000 }).toBe(true);

  const detail = await (await request.get(`/api/dataflow-endpoints/${name}`)).json();
  const toManagedIdentity = { ...detail.values, syncedSecretName: "", authentication: { method: "SystemAssignedManagedIdentity", audience: "" } };
  const review = await request.put(`/api/dataflow-endpoints/${name}?dryRun=All`, { failOnStatusCode: false,
    data: { ...toManagedIdentity, idempotencyKey: crypto.randomUUID(), resourceVersion: detail.resourceVersion } });
  expect(review.status(), await review.text()).toBe(200);
  expect((await review.json()).plan.secretSyncs).toEqual([expect.objectContaining({ name: synced, action: "delete",
    keysRemoved: ["username", "password"] })]);

  const saved = await request.put(`/api/dataflow-endpoints/${name}`, { failOnStatusCode: false,
    data: { ...toManagedIdentity, idempotencyKey: crypto.randomUUID(), resourceVersion: detail.resourceVersion } });
  expect(saved.status(), await saved.text()).toBe(200);
  const kafka = endpointSpec(name).kafkaSettings as Record<string, unknown>;
  expect(kafka.authentication).toEqual({ method: "SystemAssignedManagedIdentity", systemAssignedManagedIdentitySettings: {} });
  expect(exists("secretsync", synced)).toBe(false);
  await expect.poll(() => exists("secret", synced), { timeout: 30_000 }).toBe(false);
  // Within the grace period the objects stay (a save in flight elsewhere may be about to map them).
  expect(spcObjectNames()).toEqual(expect.arrayContaining([`${name}-user`, `${name}-pass`]));

  // After the grace period (5 s in tests) the next save cleans them up; the Key Vault secrets are never touched.
  await new Promise((r) => setTimeout(r, 6_000));
  const again = await (await request.get(`/api/dataflow-endpoints/${name}`)).json();
  const cleanup = await request.put(`/api/dataflow-endpoints/${name}`, { failOnStatusCode: false,
    data: { ...again.values, idempotencyKey: crypto.randomUUID(), resourceVersion: again.resourceVersion } });
  expect(cleanup.status(), await cleanup.text()).toBe(200);
  expect(spcObjectNames()).not.toContain(`${name}-user`);
  expect(spcObjectNames()).not.toContain(`${name}-pass`);
  expect(await vault().getSecret(`${name}-user`)).toBeDefined();
  expect(await vault().getSecret(`${name}-pass`)).toBeDefined();
});

test("AIO's default endpoint cannot be deleted: 409 with the reason, for the plan and the delete", async ({ request }) => {
  for (const path of ["/api/dataflow-endpoints/default?dryRun=All", "/api/dataflow-endpoints/default"]) {
    const res = await request.delete(path, { failOnStatusCode: false });
    expect(res.status()).toBe(409);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect((await res.json()).detail).toContain("it can be edited, never deleted");
  }
  expect(exists("dataflowendpoint", "default")).toBe(true);
  const detail = await (await request.get("/api/dataflow-endpoints/default")).json();
  expect(detail).toMatchObject({ deletable: false, values: { endpointType: "Mqtt", hostType: "LocalBroker" } });
});
