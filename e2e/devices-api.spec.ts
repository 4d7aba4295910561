import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  certificateAndKey, existingRef, newRef, unique, usernamePasswordDevice, type DeviceBody,
} from "./support/device-bodies";
import { readEndpoints } from "./support/endpoints";
import { kubectl } from "./support/kubectl";
import { clearFaults, injectFault, resetStackHooks, type FaultSpec, type StandIn } from "./support/stack-hooks";
import { secretName, VaultRest } from "./support/vault-rest";

// The tests share the seeded cluster and vault; the suite runs one test at a time (playwright.config.ts: one worker),
// and each test makes its own names, so one failure does not hide the others.

const vault = () => new VaultRest(readEndpoints());

const exists = (kind: string, name: string) =>
  kubectl(["get", kind, name, "--ignore-not-found", "-o", "name"]).trim() !== "";

async function vaultNames(): Promise<Set<string>> {
  return new Set((await vault().listSecrets()).map(secretName));
}

function defaultSpc(): string {
  return kubectl(["get", "secretsync", "kafka-sasl", "-o", "jsonpath={.spec.secretProviderClassName}"]).trim();
}

function spcObjectNames(spc = defaultSpc()): string[] {
  const objects = kubectl(["get", "secretproviderclass", spc, "-o", "jsonpath={.spec.parameters.objects}"]);
  return [...objects.matchAll(/objectName:\s*(\S+)/g)].map((m) => m[1]!);
}

async function post(request: APIRequestContext, body: DeviceBody, dryRun = false) {
  return request.post(`/api/devices${dryRun ? "?dryRun=All" : ""}`, { data: body, failOnStatusCode: false });
}

/** A refused save leaves nothing behind: no Device, no SecretSync, no new vault secret, no new SPC object. */
async function expectNothingWritten(request: APIRequestContext, body: DeviceBody, status: number, field?: string) {
  const before = await vaultNames();
  const objectsBefore = spcObjectNames();
  const syncsBefore = kubectl(["get", "secretsyncs", "-o", "name"]);
  const res = await post(request, body);
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const problem = await res.json();
  // The field the form shows the message at, or a part of it (e.g. a reference's name inside the reference).
  if (field) {
    expect(Object.keys(problem.errors ?? {}).some((k) => k === field || k.startsWith(`${field}.`)), JSON.stringify(problem)).toBe(true);
  }
  expect(exists("device", body.name)).toBe(false);
  expect(kubectl(["get", "secretsyncs", "-o", "name"])).toBe(syncsBefore);
  const after = await vaultNames();
  expect([...after].filter((n) => !before.has(n))).toEqual([]);
  expect(spcObjectNames()).toEqual(objectsBefore);
  return problem as { detail: string; errors?: Record<string, string[]> };
}

test("a save creates the vault secrets, the SPC objects, the Device and the SecretSync, and the Secret syncs", async ({ request }) => {
  const name = `api-dev-${unique()}`;
  const body = usernamePasswordDevice(name);
  const review = await post(request, body, true);
  expect(review.status(), await review.text()).toBe(200);
  const plan = (await review.json()).plan;
  expect(plan.vaultSecretsToCreate.sort()).toEqual([`${name}-pass`, `${name}-user`]);
  expect(plan.secretProviderClass.objectsToAdd.sort()).toEqual([`${name}-pass`, `${name}-user`]);
  expect(plan.secretSyncs).toEqual([expect.objectContaining({ name: `${name}-opc-ua`, action: "create" })]);
  expect(JSON.stringify(plan)).not.toContain("user-");
  expect(exists("device", name)).toBe(false); // a dry run writes nothing

  const res = await post(request, body);
  expect(res.status(), await res.text()).toBe(201);
  const json = await res.json();
  expect(json.resourceVersion).toBeTruthy();
  expect(JSON.stringify(json)).not.toContain((body.endpoints[0]!.authentication as { password: { value: string } }).password.value);

  expect(exists("device", name)).toBe(true);
  expect(kubectl(["get", "device", name, "-o", "jsonpath={.spec.endpoints.inbound.opc-ua.authentication.usernamePasswordCredentials.usernameSecretName}"]))
    .toBe(`${name}-opc-ua/username`);
  expect(spcObjectNames()).toEqual(expect.arrayContaining([`${name}-user`, `${name}-pass`]));
  await expect.poll(() => kubectl(["get", "secret", `${name}-opc-ua`, "--ignore-not-found", "-o", "jsonpath={.data.password}"]), { timeout: 30_000 })
    .toBe(Buffer.from((body.endpoints[0]!.authentication as { password: { value: string } }).password.value).toString("base64"));
});

test("bad input is refused with the field named, and nothing is written", async ({ request }) => {
  const name = () => `api-bad-${unique()}`;
  // Names.
  await expectNothingWritten(request, { ...usernamePasswordDevice(name()), name: "Not_A_Name" }, 400, "name");
  const badKvName = usernamePasswordDevice(name(), { username: newRef("bad_name!", "v") });
  await expectNothingWritten(request, badKvName, 400, "endpoints.0.authentication.username");
  const badSynced = usernamePasswordDevice(name(), { synced: "Bad Name" });
  await expectNothingWritten(request, badSynced, 400, "endpoints.0.syncedSecretName");
  // An address that does not suit the type.
  const badAddress = usernamePasswordDevice(name());
  badAddress.endpoints[0]!.address = "http://10.0.0.1";
  await expectNothingWritten(request, badAddress, 400, "endpoints.0.address");
  // Empty and oversized values.
  await expectNothingWritten(request, usernamePasswordDevice(name(), { password: newRef(`x-${unique()}`, "") }), 400,
    "endpoints.0.authentication.password.value");
  await expectNothingWritten(request, usernamePasswordDevice(name(), { password: newRef(`x-${unique()}`, "x".repeat(25 * 1024 + 1)) }), 400,
    "endpoints.0.authentication.password.value");
  // A name that exists in the vault: refused, pointing to "Add from Azure Key Vault".
  const taken = await expectNothingWritten(request, usernamePasswordDevice(name(), { username: newRef("kafka-sasl-username", "v") }), 400,
    "endpoints.0.authentication.username");
  expect(JSON.stringify(taken.errors)).toContain("Add from Azure Key Vault");
  // A name held by a deleted secret.
  const deleted = `api-deleted-${unique()}`;
  await vault().setSecret(deleted, "gone");
  await vault().deleteSecret(deleted);
  const held = await expectNothingWritten(request, usernamePasswordDevice(name(), { username: newRef(deleted, "v") }), 400,
    "endpoints.0.authentication.username");
  expect(JSON.stringify(held.errors)).toMatch(/deleted/i);
  // A synced secret another tool made.
  const foreign = `api-foreign-${unique()}`;
  kubectl(["create", "-f", "-"], JSON.stringify({ apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync", metadata: { name: foreign },
    spec: { secretProviderClassName: defaultSpc(), serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: [{ sourcePath: "kafka-sasl-username", targetKey: "username" }] } } }));
  try {
    const refused = await expectNothingWritten(request, usernamePasswordDevice(name(), { synced: foreign }), 409);
    expect(refused.detail).toContain(foreign);
  } finally {
    kubectl(["delete", "secretsync", foreign, "--ignore-not-found"]);
  }
  // A system synced secret (AIO's OPC UA trust list) is never changed: refused (403), with the reason.
  const system = await expectNothingWritten(request, usernamePasswordDevice(name(), { synced: "aio-opc-ua-broker-trust-list" }), 403);
  expect(system.detail).toContain("system synced secret");
  // A key clash: opcua-packaging's username is packaging-line-2's, pointing at another vault secret.
  await expectNothingWritten(request, usernamePasswordDevice(name(), {
    synced: "opcua-packaging", username: existingRef("kafka-sasl-username"), password: existingRef("opcua-packaging-password"),
  }), 400, "endpoints.0.authentication.username");
});

test("malformed or mismatched PEM is refused at the field", async ({ request }) => {
  const a = await certificateAndKey("device-a");
  const b = await certificateAndKey("device-b");
  const device = (certificate: string, key: string): DeviceBody => {
    const d = usernamePasswordDevice(`api-pem-${unique()}`);
    d.endpoints[0]!.authentication = { method: "Certificate", certificate: newRef(`c-${unique()}`, certificate),
      key: newRef(`k-${unique()}`, key), intermediateCertificates: null };
    return d;
  };
  await expectNothingWritten(request, device(a.certificate.replace(/[A-Za-z]{20}/, "!!!"), a.key), 400,
    "endpoints.0.authentication.certificate");
  await expectNothingWritten(request, device(a.certificate, b.key), 400, "endpoints.0.authentication.key");
  await expectNothingWritten(request, device("not a certificate", a.key), 400, "endpoints.0.authentication.certificate");
});

test("two edits of one device: the second, made from the same version, gets 409", async ({ request }) => {
  const name = `api-edit-${unique()}`;
  expect((await post(request, usernamePasswordDevice(name))).status()).toBe(201);
  const detail = await (await request.get(`/api/devices/${name}`)).json();
  const edit = (model: string): DeviceBody => ({
    idempotencyKey: crypto.randomUUID(), name, manufacturer: "Contoso", model, enabled: true,
    resourceVersion: detail.resourceVersion,
    endpoints: detail.endpoints.map((e: DeviceBody["endpoints"][number]) => ({ ...e, sync: undefined, unresolved: undefined, edgeError: undefined })),
  });
  const first = await request.put(`/api/devices/${name}`, { data: edit("first"), failOnStatusCode: false });
  expect(first.status(), await first.text()).toBe(200);
  const second = await request.put(`/api/devices/${name}`, { data: edit("second"), failOnStatusCode: false });
  expect(second.status()).toBe(409);
  expect(kubectl(["get", "device", name, "-o", "jsonpath={.spec.model}"])).toBe("first");
});

test("20 saves of different devices in parallel, while kubectl edits the SPC, lose and duplicate no object", async ({ request }) => {
  test.setTimeout(120_000);
  const spc = defaultSpc();
  const names = Array.from({ length: 20 }, () => `api-par-${unique()}`);
  let stop = false;
  const edits = (async () => {
    for (let i = 0; i < 40 && !stop; i++) {
      kubectl(["annotate", "secretproviderclass", spc, `e2e/poke=${i}`, "--overwrite"]);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const results = await Promise.all(names.map((n) => post(request, usernamePasswordDevice(n))));
  stop = true;
  await edits;
  for (const r of results) expect(r.status(), await r.text()).toBe(201);
  const objects = spcObjectNames(spc);
  for (const n of names) {
    expect(objects.filter((o) => o === `${n}-user`)).toHaveLength(1);
    expect(objects.filter((o) => o === `${n}-pass`)).toHaveLength(1);
  }
  expect(new Set(objects).size).toBe(objects.length);
});

test.describe("a failed save, submitted again, finishes with exactly one version per vault secret", () => {
  test.afterEach(async () => {
    await resetStackHooks();
  });

  const steps: Array<[string, StandIn, FaultSpec]> = [
    ["the vault write fails", "key-vault", { match: { method: "PUT", path: "^/secrets/" }, status: 503, times: 20 }],
    ["the vault write commits but the connection resets", "key-vault", { match: { method: "PUT", path: "^/secrets/" }, mode: "reset-after-commit", times: 1 }],
    ["the SecretProviderClass write fails", "kube", { match: { method: "PUT", path: "secretproviderclasses" }, status: 500, times: 20 }],
    ["the Device write fails", "kube", { match: { method: "POST", path: "/devices$" }, status: 500, times: 20 }],
    ["the SecretSync write fails", "kube", { match: { method: "POST", path: "/secretsyncs$" }, status: 500, times: 20 }],
  ];
  for (const [what, standIn, fault] of steps) {
    test(what, async ({ request }) => {
      const name = `api-fault-${unique()}`;
      const body = usernamePasswordDevice(name);
      await injectFault(standIn, fault);
      const first = await post(request, body);
      await clearFaults(standIn);
      if (first.status() >= 400) {
        const problem = await first.json();
        // The failure names its step, so the operator knows that submitting again finishes the save.
        expect(problem.detail, JSON.stringify(problem)).toMatch(/step \d/i);
        const again = await post(request, body);
        expect(again.status(), await again.text()).toBeLessThan(300);
      }
      expect(exists("device", name)).toBe(true);
      expect(exists("secretsync", `${name}-opc-ua`)).toBe(true);
      for (const secret of [`${name}-user`, `${name}-pass`]) {
        expect(await vault().listVersions(secret), secret).toHaveLength(1);
      }
      expect(spcObjectNames()).toEqual(expect.arrayContaining([`${name}-user`, `${name}-pass`]));
    });
  }
});

test("without Key Vault Secrets Officer the save says which role is missing and how to grant it", async ({ request }) => {
  const dataDir = dirname(dirname(readEndpoints().caFile));
  const cli = (...args: string[]) => execFileSync(process.execPath, ["--import", "tsx", "emulators/cli.ts", ...args, "--data-dir", dataDir],
    { encoding: "utf8", timeout: 30_000 });
  cli("revoke", "portal", "Key Vault Secrets Officer");
  try {
    const res = await post(request, usernamePasswordDevice(`api-role-${unique()}`));
    expect(res.status()).toBeGreaterThanOrEqual(400);
    const problem = await res.json();
    expect(problem.detail).toContain("Key Vault Secrets Officer");
    expect(problem.detail).toContain("az role assignment create");
  } finally {
    cli("grant", "portal", "Key Vault Secrets Officer");
  }
});
