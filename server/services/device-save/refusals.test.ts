import { describe, expect, it } from "vitest";
import {
  createRequest, created, endpoint, existing, failure, harness, putDataflowEndpoint, putDevice, putSecretSync, putSpc,
  storedUserPass, syncData, updateRequest, writes,
} from "@/server/testing/device-save-fixtures";

const opc = (o: Parameters<typeof endpoint>[1] = {}) => endpoint("opc", { syncedSecretName: "plc-1-opc", ...o });
const userPass = (user: Parameters<typeof existing>[0], pass: Parameters<typeof existing>[0]) =>
  opc({ username: existing(user), password: existing(pass) });

/** Every refusal happens in step 0: nothing is written, in the cluster or the vault. */
async function refused(h: ReturnType<typeof harness>, request: Parameters<typeof h.service.save>[0]) {
  const err = await failure(h.service.save(request, { dryRun: false }));
  expect(writes(h.cluster)).toEqual([]);
  expect(h.vault.calls.set).toBe(0);
  return err;
}

describe("device save refusals (step 0, before any write)", () => {
  it("a new secret whose name the vault already has: 400 at the field, pointing to Add from Azure Key Vault", async () => {
    const h = harness();
    const err = await refused(h, createRequest("plc-1", [opc({ username: created("kafka-user"), password: created("new-pass") })]));
    expect(err.status).toBe(400);
    expect(err.errors).toEqual({ "endpoints.0.authentication.username": [
      "Key Vault 'fake-kv' already has a secret named 'kafka-user'. Use Add from Azure Key Vault to pick it, or choose another name."] });
  });

  it("a new secret whose name a deleted secret holds: 400 saying it must be recovered or purged first", async () => {
    const h = harness();
    h.vault.external.softDelete("old-pass");
    const err = await refused(h, createRequest("plc-1", [opc({ username: created("u1"), password: created("old-pass") })]));
    expect(err).toMatchObject({ status: 400, errors: { "endpoints.0.authentication.password": [
      expect.stringMatching(/'old-pass' is held by a deleted secret .* recovered or purged first/)] } });
  });

  it.each([
    ["missing", () => undefined, /was not found/],
    ["disabled", (h: ReturnType<typeof harness>) => h.vault.external.set("opc-pass", { enabled: false }), /is disabled/],
    ["expired", (h: ReturnType<typeof harness>) => h.vault.external.set("opc-pass", { expiresOn: "2026-11-01T00:00:00.000Z" }),
      /expired on 2026-11-01T00:00:00.000Z/],
    ["not yet active", (h: ReturnType<typeof harness>) => h.vault.external.set("opc-pass", { notBefore: "2026-12-01T00:00:00.000Z" }),
      /not active until 2026-12-01T00:00:00.000Z/],
  ])("a newly picked existing secret that is %s: 400 with the reason", async (_what, arrange, reason) => {
    const h = harness({ vaultNames: ["opc-user"] });
    arrange(h);
    const err = await refused(h, createRequest("plc-1", [userPass("opc-user", "opc-pass")]));
    expect(err.status).toBe(400);
    expect(err.errors?.["endpoints.0.authentication.password"]?.[0]).toMatch(reason);
  });

  it("a synced secret name held by a SecretSync made elsewhere: 409 naming who made it", async () => {
    const h = harness();
    putSecretSync(h.cluster, "plc-1-opc", [["x", "other"]], { portal: false, manager: "azure-cli" });
    const err = await refused(h, createRequest("plc-1", [userPass("opc-user", "opc-pass")]));
    expect(err.status).toBe(409);
    expect(err.errors?.["endpoints.0.syncedSecretName"]).toEqual([
      "Synced secret 'plc-1-opc' was made by 'azure-cli', not by the portal, so the portal does not change it; use another synced secret name."]);
  });

  it("a SecretSync made elsewhere with no creator on record is 'another tool'", async () => {
    const h = harness();
    putSecretSync(h.cluster, "plc-1-opc", [["x", "other"]], { portal: false, manager: "" });
    const err = await refused(h, createRequest("plc-1", [userPass("opc-user", "opc-pass")]));
    expect(err.detail).toContain("was made by another tool");
  });

  it("a system synced secret (another SPC) is never changed: 403 with the reason", async () => {
    const h = harness();
    putSpc(h.cluster, "opc-ua-connector", []);
    putSecretSync(h.cluster, "plc-1-opc", [["trust", "trust.der"]], { spc: "opc-ua-connector", portal: false });
    const err = await refused(h, createRequest("plc-1", [userPass("opc-user", "opc-pass")]));
    expect(err.status).toBe(403);
    expect(err.detail).toMatch(/system synced secret \(SecretProviderClass 'opc-ua-connector', not the instance's default 'spc-ops-test'\)/);
  });

  it("a synced secret a data flow endpoint uses cannot serve a device: 409 naming the endpoint", async () => {
    const h = harness();
    putSecretSync(h.cluster, "kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putDataflowEndpoint(h.cluster, "kafka-telemetry", "kafka-sasl");
    const err = await refused(h, createRequest("plc-1", [opc({ syncedSecretName: "kafka-sasl",
      username: existing("kafka-user"), password: existing("kafka-pass") })]));
    expect(err.status).toBe(409);
    expect(err.detail).toMatch(/used by data flow endpoint 'kafka-telemetry' \(secretRef\)/);
    expect(Object.keys(err.errors ?? {})).toEqual(["endpoints.0.syncedSecretName"]);
  });

  it("a key another device references is not pointed at another Key Vault secret: 400 at the field, naming the key", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "shared", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putDevice(h.cluster, "line-2", { main: storedUserPass("shared") });
    const err = await refused(h, createRequest("plc-1", [opc({ syncedSecretName: "shared",
      username: existing("kafka-user"), password: existing("opc-pass") })]));
    expect(err.status).toBe(400);
    expect(err.errors).toEqual({ "endpoints.0.authentication.password": [
      "Key 'password' of synced secret 'shared' already refers to Key Vault secret 'kafka-pass' (device 'line-2', " +
      "endpoint 'main'); use another synced secret name, or pick that secret."] });
  });

  it("replacing a reference of the endpoint being edited is allowed (no other endpoint uses the key)", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plc-1-opc", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const device = putDevice(h.cluster, "plc-1", { opc: storedUserPass("plc-1-opc") });
    const saved = await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!,
      [userPass("kafka-user", "opc-pass")]), { dryRun: false });
    expect(syncData(h.cluster, "plc-1-opc")).toEqual([["kafka-user", "username"], ["opc-pass", "password"]]);
    expect(saved.result.plan.secretSyncs).toMatchObject([{ action: "update", keysAdded: ["password"], keysRemoved: [] }]);
    expect(h.cluster.get("secretsyncs", "plc-1-opc")!.metadata.annotations?.["ops-portal.azure.com/sync-requested-at"])
      .toBe("2026-11-02T10:00:00.000Z");
  });

  it("an edit over a Device someone else changed since the form opened it: 409", async () => {
    const h = harness();
    const device = putDevice(h.cluster, "plc-1", { opc: { address: "opc.tcp://a:1", endpointType: "Microsoft.OpcUa" } });
    h.cluster.external("devices", "plc-1", (d) => ({ ...d, spec: { ...d.spec, model: "changed" } }));
    const err = await refused(h, updateRequest("plc-1", device.metadata.resourceVersion!, [opc()]));
    expect(err).toMatchObject({ status: 409,
      detail: "Device 'plc-1' was changed by someone else since you opened it; reload it and apply your changes again." });
  });

  it("a create over an existing device: 409 at the name; an edit of a missing one: 404", async () => {
    const h = harness();
    putDevice(h.cluster, "plc-1", {});
    expect(await refused(h, createRequest("plc-1", [opc()]))).toMatchObject({ status: 409,
      errors: { name: ["A device named 'plc-1' already exists; choose another name."] } });
    expect(await refused(h, updateRequest("plc-9", "1", [opc()]))).toMatchObject({ status: 404 });
  });

  it("gathers every refusal into one answer, with the weightiest status", async () => {
    const h = harness();
    putSecretSync(h.cluster, "foreign", [["x", "other"]], { portal: false, manager: "kubectl" });
    const err = await refused(h, createRequest("plc-1", [
      opc({ username: created("kafka-user"), password: existing("missing-one") }),
      endpoint("b", { syncedSecretName: "foreign", username: existing("opc-user"), password: existing("opc-pass") })]));
    expect(err.status).toBe(409);
    expect(Object.keys(err.errors ?? {}).sort()).toEqual(["endpoints.0.authentication.password",
      "endpoints.0.authentication.username", "endpoints.1.syncedSecretName"]);
    expect(err.detail).toMatch(/and 2 more problems/);
  });

  it("secret references without secret sync enabled: 409 (an anonymous device still saves)", async () => {
    const h = harness();
    h.cluster.external("instances", "aio-test", (i) => ({ ...i, spec: {} }));
    const err = await refused(h, createRequest("plc-1", [userPass("opc-user", "opc-pass")]));
    expect(err).toMatchObject({ status: 409, detail: expect.stringMatching(/Secret sync is not enabled/) });
    await h.service.save(createRequest("plc-2", [endpoint("plain")]), { dryRun: false });
    expect(h.cluster.get("devices", "plc-2")).toBeDefined();
  });
});

describe("device save: references into synced secrets the portal does not change", () => {
  it("keeps a device's reference into a system synced secret as it is (its class read to tell what the key maps)", async () => {
    const h = harness({ vaultNames: ["contoso-root-ca-der", "other-ca"] });
    putSpc(h.cluster, "opc-ua-connector", [], undefined,
      ["  - |\n    objectName: contoso-root-ca-der\n    objectType: secret\n    objectAlias: contoso-root-ca.der\n    objectEncoding: hex\n"]);
    putSecretSync(h.cluster, "aio-opc-ua-broker-trust-list", [["contoso-root-ca.der", "contoso-root-ca.der"]],
      { spc: "opc-ua-connector", portal: false, manager: "azure-cli" });
    const device = putDevice(h.cluster, "plc-1", { opc: { address: "opc.tcp://a:1", endpointType: "Microsoft.OpcUa",
      trustSettings: { trustList: "aio-opc-ua-broker-trust-list/contoso-root-ca.der" } } });
    const trusted = (name: string) => endpoint("opc", { syncedSecretName: "aio-opc-ua-broker-trust-list", trustList: existing(name) });
    // The form's key for a trust list is trustList; the system one maps another key, so only a matching one passes.
    const err = await refused(h, updateRequest("plc-1", device.metadata.resourceVersion!, [trusted("other-ca")]));
    expect(err.status).toBe(403);

    const h2 = harness({ vaultNames: ["contoso-root-ca-der"] });
    putSpc(h2.cluster, "opc-ua-connector", [], undefined,
      ["  - |\n    objectName: contoso-root-ca-der\n    objectType: secret\n    objectAlias: ca.der\n    objectEncoding: hex\n"]);
    putSecretSync(h2.cluster, "trust", [["ca.der", "trustList"]], { spc: "opc-ua-connector", portal: false });
    const d2 = putDevice(h2.cluster, "plc-1", { opc: { address: "opc.tcp://a:1", endpointType: "Microsoft.OpcUa",
      trustSettings: { trustList: "trust/trustList" } } });
    const saved = await h2.service.save(updateRequest("plc-1", d2.metadata.resourceVersion!, [endpoint("opc", {
      syncedSecretName: "trust", trustList: existing("contoso-root-ca-der") })]), { dryRun: false });
    expect(saved.result.plan.secretSyncs).toEqual([]);
    expect(writes(h2.cluster)).toEqual(["replace devices/plc-1"]);
    expect(h2.vault.calls.get).toBe(0);
  });
});
