import { describe, expect, it } from "vitest";
import {
  failure, harness, lastUsedOf, putDataflowEndpoint, putDevice, putSecretSync, putSpc, spcObjects, storedUserPass, writes,
} from "@/server/testing/device-save-fixtures";

function arrange() {
  const h = harness({ objects: ["a-user", "a-pass", "old"], lastUsed: { "a-user": "2026-10-01T00:00:00.000Z",
    "a-pass": "2026-10-01T00:00:00.000Z", old: "2026-10-01T00:00:00.000Z" } });
  putSpc(h.cluster, "opc-ua-connector", []);
  putSecretSync(h.cluster, "only-mine", [["a-user", "username"], ["a-pass", "password"]]);
  putSecretSync(h.cluster, "shared", [["a-user", "username"], ["a-pass", "password"]]);
  putSecretSync(h.cluster, "by-cli", [["a-user", "username"], ["a-pass", "password"]], { portal: false, manager: "azure-cli" });
  putSecretSync(h.cluster, "system", [["trust", "trustList"]], { spc: "opc-ua-connector" });
  putSecretSync(h.cluster, "flows", [["a-user", "username"], ["a-pass", "password"]]);
  putDevice(h.cluster, "plc-1", { a: storedUserPass("only-mine"), b: storedUserPass("shared"), c: storedUserPass("by-cli"),
    d: { address: "opc.tcp://h:1", endpointType: "Microsoft.OpcUa", trustSettings: { trustList: "system/trustList" } },
    e: storedUserPass("flows"), f: storedUserPass("missing") });
  putDevice(h.cluster, "line-2", { x: storedUserPass("shared") });
  putDataflowEndpoint(h.cluster, "kafka-telemetry", "flows");
  return h;
}

describe("device delete: the plan", () => {
  it("marks deletable the synced secrets only this device uses and the portal made, with the reason for the others", async () => {
    const h = arrange();
    expect(await h.service.planDelete("plc-1")).toEqual({ device: "plc-1", syncedSecrets: [
      { name: "only-mine", deletable: true, reason: null },
      { name: "shared", deletable: false, reason: "also used by device 'line-2'" },
      { name: "by-cli", deletable: false, reason: "not created by the portal (made by 'azure-cli')" },
      { name: "system", deletable: false, reason: "a system synced secret (SecretProviderClass 'opc-ua-connector')" },
      { name: "flows", deletable: false, reason: "also used by data flow endpoint 'kafka-telemetry'" },
      { name: "missing", deletable: false, reason: "it does not exist" },
    ] });
    expect(writes(h.cluster)).toEqual([]);
  });

  it("answers 404 for a missing device", async () => {
    const h = arrange();
    expect((await failure(h.service.planDelete("nope"))).status).toBe(404);
  });
});

describe("device delete", () => {
  it("deletes the Device under its read version, then the deletable synced secrets asked for; never a Key Vault secret", async () => {
    const h = arrange();
    const { touched } = await h.service.delete("plc-1", { deleteSyncedSecrets: ["only-mine"] });
    expect(h.cluster.get("devices", "plc-1")).toBeUndefined();
    expect(h.cluster.get("secretsyncs", "only-mine")).toBeUndefined();
    expect(h.cluster.get("secretsyncs", "shared")).toBeDefined();
    expect(h.vault.calls.delete).toBe(0);
    // The clean-up: the deleted SecretSync's objects were mapped a moment ago (time now), an old unmapped one goes.
    expect(spcObjects(h.cluster)).toEqual(["a-user", "a-pass"]);
    expect(lastUsedOf(h.cluster)).toEqual({ "a-pass": "2026-11-02T10:00:00.000Z", "a-user": "2026-11-02T10:00:00.000Z" });
    expect(touched).toEqual(["devices/plc-1", "secretsyncs/only-mine", "secretproviderclasses/spc-ops-test"]);
    expect(writes(h.cluster)).toEqual(["delete devices/plc-1", "delete secretsyncs/only-mine", "replace secretproviderclasses/spc-ops-test"]);
  });

  it("refuses (409) a synced secret the plan does not mark deletable, before deleting anything", async () => {
    const h = arrange();
    const err = await failure(h.service.delete("plc-1", { deleteSyncedSecrets: ["only-mine", "shared", "unrelated"] }));
    expect(err.status).toBe(409);
    expect(err.detail).toBe("Synced secret 'shared' cannot be deleted with the device: also used by device 'line-2'. " +
      "Synced secret 'unrelated' is not used by device 'plc-1'. Nothing was deleted.");
    expect(writes(h.cluster)).toEqual([]);
  });

  it("a Device changed since it was read is not deleted (409)", async () => {
    const h = arrange();
    h.cluster.beforeCall = (verb, plural) => {
      if (verb === "delete" && plural === "devices") h.cluster.external("devices", "plc-1", (d) => ({ ...d, spec: { ...d.spec, model: "x" } }));
    };
    const err = await failure(h.service.delete("plc-1", { deleteSyncedSecrets: ["only-mine"] }));
    expect(err).toMatchObject({ status: 409, detail: expect.stringMatching(/^Deleting stopped at step 1 of 3 \(deleting the Device\): Device 'plc-1' was changed by someone else/) });
    expect(h.cluster.get("devices", "plc-1")).toBeDefined();
    expect(h.cluster.get("secretsyncs", "only-mine")).toBeDefined();
  });

  it("a synced secret a save started using after the plan is kept: read first, users second, delete under that version", async () => {
    const h = arrange();
    h.cluster.beforeCall = (verb, plural, name) => {
      // Another replica's save: its Device names only-mine just after our delete read the SecretSync, and then it
      // writes the SecretSync (new save-id), so our precondition fails and the next round sees the user.
      if (verb === "list" && plural === "devices" && h.cluster.get("devices", "late") === undefined && !h.cluster.get("devices", "plc-1")) {
        putDevice(h.cluster, "late", { z: storedUserPass("only-mine") });
        h.cluster.external("secretsyncs", "only-mine", (s) => ({ ...s, metadata: { ...s.metadata,
          annotations: { "ops-portal.azure.com/save-id": "other-save" } } }));
      }
      void name;
    };
    const err = await failure(h.service.delete("plc-1", { deleteSyncedSecrets: ["only-mine"] }));
    expect(err.status).toBe(409);
    expect(err.detail).toMatch(/^Deleting stopped at step 2 of 3 \(deleting the synced secrets\): Synced secret 'only-mine' is still used by device 'late'/);
    expect(err.detail).toMatch(/the device is deleted; delete what is left on the Secrets page\.$/);
    expect(h.cluster.get("secretsyncs", "only-mine")).toBeDefined();
    expect(h.cluster.get("devices", "plc-1")).toBeUndefined();
  });
});
