import { describe, expect, it } from "vitest";
import {
  createRequest, created, endpoint, existing, harness, KEY, KEY2, lastUsedOf, putDevice, putSecretSync, putSpc, SPC, spcObjects,
  storedUserPass, syncData, updateRequest, VALUE, writes,
} from "@/server/testing/device-save-fixtures";

const opc = (o: Parameters<typeof endpoint>[1] = {}) => endpoint("opc", { syncedSecretName: "plc-1-opc", ...o });

describe("device save: a create with two new Key Vault secrets", () => {
  it("writes the vault secrets (tagged), the SPC objects, the Device and the SecretSync last, and names what it touched", async () => {
    const h = harness();
    const saved = await h.service.save(createRequest("plc-1", [opc({
      username: created("plc1-user", { contentType: "text/plain", expiresOn: "2027-01-01T00:00:00Z" }),
      password: created("plc1-pass") })]), { dryRun: false });

    expect(await h.vault.getSecretProperties("plc1-user")).toMatchObject({ contentType: "text/plain",
      expiresOn: "2027-01-01T00:00:00.000Z", tags: { "ops-portal-save": KEY } });
    expect(h.vault.versions.get("plc1-pass")).toBe(1);
    expect(h.written.sort()).toEqual(["plc1-pass", "plc1-user"]);

    expect(spcObjects(h.cluster)).toEqual(["plc1-user", "plc1-pass"]);
    expect(lastUsedOf(h.cluster)).toEqual({ "plc1-pass": "2026-11-02T10:00:00.000Z", "plc1-user": "2026-11-02T10:00:00.000Z" });

    const sync = h.cluster.get("secretsyncs", "plc-1-opc")!;
    expect(sync.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "ops-portal" });
    expect(sync.metadata.annotations).toEqual({ "ops-portal.azure.com/save-id": KEY,
      "ops-portal.azure.com/sync-requested-at": "2026-11-02T10:00:00.000Z" });
    expect(sync.spec).toEqual({ secretProviderClassName: SPC, serviceAccountName: "aio-ssc-sa", secretSyncControllerName: "",
      secretObject: { type: "Opaque", data: [{ sourcePath: "plc1-user", targetKey: "username" },
        { sourcePath: "plc1-pass", targetKey: "password" }] } });

    const device = h.cluster.get("devices", "plc-1")!;
    expect(device.metadata.annotations).toEqual({ "ops-portal.azure.com/save-id": KEY });
    expect(device.spec).toEqual({ manufacturer: "Contoso", model: "PLC", enabled: true, endpoints: { inbound: { opc: {
      address: "opc.tcp://10.0.0.12:4840", endpointType: "Microsoft.OpcUa", authentication: { method: "UsernamePassword",
        usernamePasswordCredentials: { usernameSecretName: "plc-1-opc/username", passwordSecretName: "plc-1-opc/password" } } } } } });

    // Order: SPC (step 1) before the Device (2) before the SecretSync (3).
    expect(writes(h.cluster)).toEqual(["replace secretproviderclasses/spc-ops-test", "create devices/plc-1", "create secretsyncs/plc-1-opc"]);
    expect(saved.touched).toEqual(["keyvault/secrets/plc1-user", "keyvault/secrets/plc1-pass",
      "secretproviderclasses/spc-ops-test", "devices/plc-1", "secretsyncs/plc-1-opc"]);
    expect(saved.result).toMatchObject({ dryRun: false, resourceVersion: device.metadata.resourceVersion });
    expect(JSON.stringify(saved)).not.toContain(VALUE);
  });

  it("maps a trust list and certificate references with their keys, keeping the additional configuration as text", async () => {
    const h = harness({ vaultNames: ["ca-list", "client-cert", "client-key"] });
    await h.service.save(createRequest("cam-1", [endpoint("cam", { syncedSecretName: "cam-1-cam",
      additionalConfiguration: "{\"publishingInterval\": 1000}", version: "1.05", trustList: existing("ca-list"),
      authentication: { method: "Certificate", certificate: existing("client-cert"), key: existing("client-key"),
        intermediateCertificates: null } })]), { dryRun: false });
    expect(h.cluster.get("devices", "cam-1")!.spec!.endpoints).toEqual({ inbound: { cam: {
      address: "opc.tcp://10.0.0.12:4840", endpointType: "Microsoft.OpcUa", version: "1.05",
      additionalConfiguration: "{\"publishingInterval\": 1000}", trustSettings: { trustList: "cam-1-cam/trustList" },
      authentication: { method: "Certificate", x509Credentials: { certificateSecretName: "cam-1-cam/certificate",
        keySecretName: "cam-1-cam/key" } } } } });
    expect(syncData(h.cluster, "cam-1-cam")).toEqual([["client-cert", "certificate"], ["client-key", "key"], ["ca-list", "trustList"]]);
  });
});

describe("device save: dry run", () => {
  it("reads and plans, writes nothing, and shows names and YAML without values", async () => {
    const h = harness({ objects: ["kafka-user"], lastUsed: { "kafka-user": "2026-11-01T00:00:00.000Z" } });
    const before = h.cluster.calls.length;
    const { result, touched } = await h.service.save(createRequest("plc-1", [opc({
      username: existing("opc-user"), password: created("plc1-pass") })]), { dryRun: true });
    expect(writes(h.cluster)).toEqual([]);
    expect(h.cluster.calls.length).toBeGreaterThan(before);
    expect(h.vault.calls.set).toBe(0);
    expect(touched).toEqual([]);
    expect(result.dryRun).toBe(true);
    expect(result.resourceVersion).toBeNull();
    expect(result.plan).toMatchObject({
      vaultSecretsToCreate: ["plc1-pass"],
      secretProviderClass: { name: SPC, objectsToAdd: ["opc-user", "plc1-pass"], objectsToRemove: ["kafka-user"] },
      secretSyncs: [{ name: "plc-1-opc", action: "create", keysAdded: ["username", "password"], keysRemoved: [] }],
      device: { name: "plc-1", action: "create" },
    });
    const sync = result.plan.secretSyncs[0]!.yaml;
    expect(sync).toContain("kind: SecretSync");
    expect(sync).toContain("sourcePath: plc1-pass");
    expect(sync).toContain("ops-portal.azure.com/save-id");
    expect(result.plan.device.yaml).toContain("passwordSecretName: plc-1-opc/password");
    for (const y of [sync, result.plan.device.yaml]) {
      expect(y).not.toMatch(/status:|managedFields|resourceVersion|uid:/);
    }
    expect(JSON.stringify(result)).not.toContain(VALUE);
  });
});

describe("device save: existing synced secrets", () => {
  it("naming an existing portal-made synced secret keeps its other keys", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "shared", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putDevice(h.cluster, "other", { a: storedUserPass("shared") });
    await h.service.save(createRequest("plc-1", [opc({ syncedSecretName: "shared",
      trustList: existing("opc-user") })]), { dryRun: false });
    expect(syncData(h.cluster, "shared")).toEqual([["kafka-user", "username"], ["kafka-pass", "password"], ["opc-user", "trustList"]]);
    expect(spcObjects(h.cluster)).toEqual(["kafka-user", "kafka-pass", "opc-user"]);
  });

  it("always writes the SecretSync a device references (new save-id), asking for a sync only when its spec changes", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plc-1-opc", [["kafka-user", "username"], ["kafka-pass", "password"]],
      { annotations: { "ops-portal.azure.com/sync-requested-at": "2026-10-01T00:00:00.000Z" } });
    const device = putDevice(h.cluster, "plc-1", { opc: storedUserPass("plc-1-opc") });
    const before = h.cluster.get("secretsyncs", "plc-1-opc")!;
    const saved = await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [opc({
      username: existing("kafka-user"), password: existing("kafka-pass") })], KEY2), { dryRun: false });
    const after = h.cluster.get("secretsyncs", "plc-1-opc")!;
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    expect(after.metadata.annotations).toEqual({ "ops-portal.azure.com/save-id": KEY2,
      "ops-portal.azure.com/sync-requested-at": "2026-10-01T00:00:00.000Z" });
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(saved.result.plan.secretSyncs).toMatchObject([{ name: "plc-1-opc", action: "unchanged" }]);
    // Nothing to pick again: already mapped the same way, so no property reads of the picks.
    expect(h.vault.calls.get).toBe(0);
  });

  it("writes from what step 0 read: one read of each object, none before a write", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plc-1-opc", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const device = putDevice(h.cluster, "plc-1", { opc: storedUserPass("plc-1-opc") });
    await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [opc({
      username: existing("opc-user"), password: existing("kafka-pass") })]), { dryRun: false });
    expect(h.cluster.calls.filter((c) => c.startsWith("get ") || c.startsWith("list ")).sort()).toEqual([
      "get instances/aio-test", "get secretproviderclasses/spc-ops-test",
      "list dataflowendpoints", "list devices", "list secretsyncs"]);
    expect(writes(h.cluster)).toEqual(["replace secretproviderclasses/spc-ops-test", "replace devices/plc-1",
      "replace secretsyncs/plc-1-opc"]);
  });

  it("re-creates a SecretSync a delete removed between the reads and the write", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plc-1-opc", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const device = putDevice(h.cluster, "plc-1", { opc: storedUserPass("plc-1-opc") });
    h.cluster.beforeCall = (verb, plural) => {
      if (verb === "replace" && plural === "devices") h.cluster.remove("secretsyncs", "plc-1-opc");
    };
    await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [opc({
      username: existing("kafka-user"), password: existing("kafka-pass") })]), { dryRun: false });
    expect(syncData(h.cluster, "plc-1-opc")).toEqual([["kafka-user", "username"], ["kafka-pass", "password"]]);
    expect(writes(h.cluster).slice(-2)).toEqual(["replace secretsyncs/plc-1-opc", "create secretsyncs/plc-1-opc"]);
  });

  it("a dropped reference removes its key; a SecretSync left without keys is deleted; a key another device uses stays", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass", "opc-user"] });
    putSecretSync(h.cluster, "mine", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putSecretSync(h.cluster, "shared", [["opc-user", "username"], ["kafka-pass", "password"]]);
    putDevice(h.cluster, "other", { x: { address: "opc.tcp://h:1", endpointType: "Microsoft.OpcUa",
      authentication: { method: "UsernamePassword", usernamePasswordCredentials: { usernameSecretName: "shared/username",
        passwordSecretName: "elsewhere/password" } } } });
    const device = putDevice(h.cluster, "plc-1", { a: storedUserPass("mine"), b: storedUserPass("shared") });
    const saved = await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [
      endpoint("a"), endpoint("b")]), { dryRun: false });
    expect(h.cluster.get("secretsyncs", "mine")).toBeUndefined();
    expect(syncData(h.cluster, "shared")).toEqual([["opc-user", "username"]]);
    expect(saved.result.plan.secretSyncs.map((s) => [s.name, s.action, s.keysRemoved])).toEqual([
      ["mine", "delete", ["username", "password"]], ["shared", "update", ["password"]]]);
    expect(saved.touched).toEqual(expect.arrayContaining(["secretsyncs/mine", "secretsyncs/shared"]));
    expect(h.cluster.get("devices", "plc-1")!.spec!.endpoints).toEqual({ inbound: {
      a: { address: "opc.tcp://10.0.0.12:4840", endpointType: "Microsoft.OpcUa", authentication: { method: "Anonymous" } },
      b: { address: "opc.tcp://10.0.0.12:4840", endpointType: "Microsoft.OpcUa", authentication: { method: "Anonymous" } } } });
  });

  it("keeps a key a save on another device started using after step 0 (read, then users, then a write under that version)", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "mine", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const device = putDevice(h.cluster, "plc-1", { a: storedUserPass("mine") });
    let raced = false;
    h.cluster.beforeCall = (verb, plural, name) => {
      // Another replica saves device "late" naming mine/username: its Device lands after our step 0.
      if (!raced && verb === "get" && plural === "secretsyncs" && name === "mine") {
        raced = true;
        putDevice(h.cluster, "late", { z: { address: "opc.tcp://h:1", endpointType: "Microsoft.OpcUa",
          authentication: { method: "UsernamePassword", usernamePasswordCredentials: { usernameSecretName: "mine/username",
            passwordSecretName: "x/password" } } } });
      }
    };
    await h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [endpoint("a")]), { dryRun: false });
    expect(syncData(h.cluster, "mine")).toEqual([["kafka-user", "username"]]);
  });
});

describe("device save: edits keep what the form does not edit", () => {
  it("keeps the Device's other fields, an endpoint's unknown fields, and removes endpoints no longer in the form", async () => {
    const h = harness();
    const device = putDevice(h.cluster, "plc-1", {
      opc: { address: "opc.tcp://old:4840", endpointType: "Microsoft.OpcUa", customField: { keep: true },
        authentication: { method: "Anonymous", extra: "kept" } },
      gone: { address: "opc.tcp://gone:4840", endpointType: "Microsoft.OpcUa" },
    }, { attributes: { line: "7" }, externalDeviceId: "ext-1" });
    h.cluster.external("devices", "plc-1", (d) => ({ ...d, spec: { ...d.spec, endpoints: { ...(d.spec!.endpoints as object),
      outbound: { assigned: { up: { address: "mqtt://x" } } } } } }));
    const current = h.cluster.get("devices", "plc-1")!;
    expect(current.metadata.resourceVersion).not.toBe(device.metadata.resourceVersion);
    await h.service.save(updateRequest("plc-1", current.metadata.resourceVersion!, [endpoint("opc", { version: "2" })]), { dryRun: false });
    expect(h.cluster.get("devices", "plc-1")!.spec).toEqual({ enabled: true, manufacturer: "Contoso", model: "PLC",
      attributes: { line: "7" }, externalDeviceId: "ext-1",
      endpoints: { outbound: { assigned: { up: { address: "mqtt://x" } } }, inbound: { opc: { address: "opc.tcp://10.0.0.12:4840",
        endpointType: "Microsoft.OpcUa", version: "2", customField: { keep: true },
        authentication: { method: "Anonymous", extra: "kept" } } } } });
  });
});

describe("device save: step 0 in one round trip", () => {
  const reads = (calls: string[]) => calls.filter((c) => c.startsWith("get ") || c.startsWith("list ")).sort();

  it("reads the default SPC alongside the instance, by the name the previous read gave", async () => {
    const h = harness();
    await h.service.save(createRequest("plc-0", [endpoint("plain")]), { dryRun: false });
    h.cluster.calls.length = 0;
    // The instance answers late; the class must already have been asked for by then.
    let classAskedFirst: boolean | undefined;
    h.cluster.beforeCall = async (verb, plural) => {
      if (verb !== "get" || plural !== "instances") return;
      await new Promise((r) => setTimeout(r, 20));
      classAskedFirst = h.cluster.calls.includes(`get secretproviderclasses/${SPC}`);
    };
    await h.service.save(createRequest("plc-1", [opc({ username: created("plc1-user"), password: created("plc1-pass") })]),
      { dryRun: false });
    expect(classAskedFirst).toBe(true);
    expect(reads(h.cluster.calls)).toEqual(["get instances/aio-test", `get secretproviderclasses/${SPC}`,
      "list dataflowendpoints", "list devices", "list secretsyncs"]);
    expect(spcObjects(h.cluster)).toEqual(["plc1-user", "plc1-pass"]);
  });

  it("follows a changed default: the class the instance names now is read and written, never the one read early", async () => {
    const h = harness();
    await h.service.save(createRequest("plc-0", [endpoint("plain")]), { dryRun: false });
    putSpc(h.cluster, "spc-ops-new", []);
    h.cluster.external("instances", "aio-test", (i) => ({ ...i, spec: { defaultSecretProviderClassRef: { resourceId:
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.SecretSyncController/azureKeyVaultSecretProviderClasses/spc-ops-new" } } }));
    h.cluster.calls.length = 0;
    await h.service.save(createRequest("plc-1", [opc({ username: created("plc1-user"), password: created("plc1-pass") })]),
      { dryRun: false });
    expect(reads(h.cluster.calls)).toContain("get secretproviderclasses/spc-ops-new");
    expect(writes(h.cluster)).toEqual(["replace secretproviderclasses/spc-ops-new", "create devices/plc-1", "create secretsyncs/plc-1-opc"]);
    expect(spcObjects(h.cluster, "spc-ops-new")).toEqual(["plc1-user", "plc1-pass"]);
    expect(spcObjects(h.cluster)).toEqual([]);
    expect(h.cluster.get("secretsyncs", "plc-1-opc")!.spec!.secretProviderClassName).toBe("spc-ops-new");

    // Secret sync turned off meanwhile: the class read early does not make references syncable.
    h.cluster.external("instances", "aio-test", (i) => ({ ...i, spec: {} }));
    const err = await h.service.save(createRequest("plc-2", [opc({ syncedSecretName: "plc-2-opc",
      username: existing("opc-user"), password: existing("opc-pass") })]), { dryRun: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "conflict", detail: expect.stringMatching(/Secret sync is not enabled/) });
  });
});
