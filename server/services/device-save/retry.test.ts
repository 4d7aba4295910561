import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import {
  createRequest, created, endpoint, existing, failure, harness, KEY, putDevice, putSecretSync, spcObjects, storedUserPass,
  syncData, updateRequest, writes,
} from "@/server/testing/device-save-fixtures";

const opc = (o: Parameters<typeof endpoint>[1] = {}) => endpoint("opc", { syncedSecretName: "plc-1-opc", ...o });
const twoNew = () => createRequest("plc-1", [opc({ username: created("plc1-user"), password: created("plc1-pass") })]);
const unavailable = () => ({ status: 503, reason: "ServiceUnavailable" });

describe("device save: a failure names its step, and the same request again finishes the save", () => {
  it("stopped at step 3: the retry recognises its own vault secrets and its own Device, and writes the SecretSync", async () => {
    const h = harness();
    h.cluster.fail({ verb: "create", plural: "secretsyncs", ...unavailable() });
    const err = await failure(h.service.save(twoNew(), { dryRun: false }));
    expect(err.status).toBe(503);
    expect(err.detail).toMatch(/^Saving stopped at step 3 of 3 \(writing the SecretSyncs\): The Kubernetes API of .* is unavailable \(ServiceUnavailable\); submit again to finish\.$/);
    const deviceAfterFirst = h.cluster.get("devices", "plc-1")!;

    const saved = await h.service.save(twoNew(), { dryRun: false });
    expect(h.vault.versions.get("plc1-user")).toBe(1);
    expect(h.vault.versions.get("plc1-pass")).toBe(1);
    expect(h.vault.calls.set).toBe(2);
    // The Device was already as the form wants it, with this save's id: not written again.
    expect(h.cluster.get("devices", "plc-1")!.metadata.resourceVersion).toBe(deviceAfterFirst.metadata.resourceVersion);
    expect(syncData(h.cluster, "plc-1-opc")).toEqual([["plc1-user", "username"], ["plc1-pass", "password"]]);
    expect(saved.result.plan.vaultSecretsToCreate).toEqual(["plc1-user", "plc1-pass"]);
    expect(saved.touched).toContain("keyvault/secrets/plc1-user");
  });

  it("an edit retried with the resourceVersion the form still holds continues when the Device carries its save-id", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plc-1-opc", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const device = putDevice(h.cluster, "plc-1", { opc: storedUserPass("plc-1-opc") });
    const request = updateRequest("plc-1", device.metadata.resourceVersion!, [opc({ username: existing("opc-user"),
      password: existing("kafka-pass") })]);
    h.cluster.fail({ verb: "replace", plural: "secretsyncs", ...unavailable() });
    expect((await failure(h.service.save(request, { dryRun: false }))).detail).toMatch(/^Saving stopped at step 3 of 3/);
    expect(h.cluster.get("devices", "plc-1")!.metadata.resourceVersion).not.toBe(device.metadata.resourceVersion);

    const saved = await h.service.save(request, { dryRun: false });
    expect(syncData(h.cluster, "plc-1-opc")).toEqual([["opc-user", "username"], ["kafka-pass", "password"]]);
    expect(saved.result.resourceVersion).toBe(h.cluster.get("devices", "plc-1")!.metadata.resourceVersion);
  });

  it("a Device someone else changed between the reads and its write: 409, without 'submit again'", async () => {
    const h = harness();
    const device = putDevice(h.cluster, "plc-1", { opc: { address: "opc.tcp://a:1", endpointType: "Microsoft.OpcUa" } });
    let once = false;
    h.cluster.beforeCall = (verb, plural) => {
      if (!once && verb === "replace" && plural === "devices") {
        once = true;
        h.cluster.external("devices", "plc-1", (d) => ({ ...d, spec: { ...d.spec, model: "theirs" } }));
      }
    };
    const err = await failure(h.service.save(updateRequest("plc-1", device.metadata.resourceVersion!, [opc()]), { dryRun: false }));
    expect(err).toMatchObject({ status: 409, detail: "Saving stopped at step 2 of 3 (writing the Device): Device 'plc-1' was " +
      "changed by someone else since you opened it; reload it and apply your changes again." });
    expect(h.cluster.get("devices", "plc-1")!.spec!.model).toBe("theirs");
  });
});

describe("device save: Key Vault writes, never a second version from one save", () => {
  it("committed, then the connection reset: reads it back, finds its own tag, and does not write again", async () => {
    const h = harness();
    h.vault.failNextSet("plc1-user", { when: "after" });
    await h.service.save(twoNew(), { dryRun: false });
    expect(h.vault.versions.get("plc1-user")).toBe(1);
    expect(h.vault.calls.set).toBe(2);
    expect((await h.vault.getSecretProperties("plc1-user")).tags).toEqual({ "ops-portal-save": KEY });
    expect(syncData(h.cluster, "plc-1-opc")).toEqual([["plc1-user", "username"], ["plc1-pass", "password"]]);
  });

  it("refused before it landed (503): reads it back, finds nothing, and writes it once more", async () => {
    const h = harness();
    h.vault.failNextSet("plc1-user", { when: "before", error: new AppError("upstream", "Key Vault 'fake-kv' is unavailable (ServiceUnavailable).",
      { upstream: { service: "key-vault", code: "ServiceUnavailable", status: 503 } }) });
    await h.service.save(twoNew(), { dryRun: false });
    expect(h.vault.versions.get("plc1-user")).toBe(1);
    expect(h.vault.calls.set).toBe(3);
  });

  it("a vault that keeps failing stops the save at step 1, before the Device", async () => {
    const h = harness();
    h.vault.failNextSet("plc1-user", { when: "before", times: 5 });
    const err = await failure(h.service.save(twoNew(), { dryRun: false }));
    expect(err.detail).toMatch(/^Saving stopped at step 1 of 3 \(writing the Key Vault secrets and the SecretProviderClass\): Key Vault 'fake-kv' is unreachable \(ECONNRESET\); submit again to finish\.$/);
    expect(writes(h.cluster)).not.toContain("create devices/plc-1");
    expect(h.vault.versions.get("plc1-user")).toBeUndefined();
    await h.service.save(twoNew(), { dryRun: false });
    expect(h.vault.versions.get("plc1-user")).toBe(1);
    expect(h.vault.versions.get("plc1-pass")).toBe(1);
  });

  it("passes on the missing role (with its grant command from the adapter) as a step 1 failure", async () => {
    const h = harness();
    const detail = "The portal's identity may not set secrets in Key Vault 'fake-kv': it needs the role Key Vault Secrets " +
      "Officer on the vault. An administrator grants it with: az role assignment create --assignee app-1 --role " +
      "\"Key Vault Secrets Officer\" --scope $(az keyvault show -n fake-kv --query id -o tsv)";
    h.vault.failNextSet("plc1-user", { when: "before", error: new AppError("forbidden", detail,
      { upstream: { service: "key-vault", code: "ForbiddenByRbac" } }) });
    const err = await failure(h.service.save(twoNew(), { dryRun: false }));
    expect(err.status).toBe(403);
    expect(err.detail).toContain("--role \"Key Vault Secrets Officer\"");
    expect(err.detail).toMatch(/^Saving stopped at step 1 of 3/);
  });

  it("a secret someone else created under the name while the save ran is refused, not overwritten twice", async () => {
    const h = harness();
    h.vault.failNextSet("plc1-user", { when: "before" });
    h.cluster.beforeCall = () => undefined;
    const original = h.vault.getSecretProperties.bind(h.vault);
    let reads = 0;
    h.vault.getSecretProperties = async (name) => {
      if (name === "plc1-user" && ++reads === 2) h.vault.external.set("plc1-user");   // lands between our write and read-back
      return original(name);
    };
    const err = await failure(h.service.save(twoNew(), { dryRun: false }));
    expect(err).toMatchObject({ status: 409, errors: { "endpoints.0.authentication.username": ["'plc1-user' was just created by someone else"] } });
    expect(h.vault.versions.get("plc1-user")).toBe(1);
  });
});

describe("device save: the SPC write", () => {
  it("re-reads and re-applies after someone else edited the class between the reads and the write, keeping their object", async () => {
    const h = harness({ objects: ["kafka-user"] });
    let once = false;
    h.cluster.beforeCall = (verb, plural) => {
      if (!once && verb === "replace" && plural === "secretproviderclasses") {
        once = true;
        h.cluster.external("secretproviderclasses", "spc-ops-test", (s) => {
          const p = s.spec!.parameters as Record<string, string>;
          return { ...s, spec: { ...s.spec, parameters: { ...p, objects: `${p.objects}  - |\n    objectName: theirs\n    objectType: secret\n` } } };
        });
      }
    };
    await h.service.save(twoNew(), { dryRun: false });
    expect(spcObjects(h.cluster)).toEqual(["kafka-user", "theirs", "plc1-user", "plc1-pass"]);
  });

  it("ten saves at once in one process: every object once, none lost", async () => {
    const h = harness();
    await Promise.all(Array.from({ length: 10 }, (_, i) => h.service.save(createRequest(`dev-${i}`, [endpoint("e", {
      syncedSecretName: `dev-${i}-e`, username: created(`dev-${i}-user`), password: existing("kafka-pass") })],
    `6f1d3f8e-3333-4a2b-9c3d-00000000000${i}`), { dryRun: false })));
    const objects = spcObjects(h.cluster);
    expect(objects.sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `dev-${i}-user`), "kafka-pass"].sort());
    expect(h.cluster.all("secretsyncs")).toHaveLength(10);
  });
});
