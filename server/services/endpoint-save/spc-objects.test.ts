import { describe, expect, it } from "vitest";
import type { SpcObject } from "@/lib/schemas/spc-object";
import {
  createRequest, endpoint, existing, harness, lastUsedOf, putSecretSync, putSpc, spcObjects,
} from "@/server/testing/device-save-fixtures";
import { fileNameFor, planObjects } from "./spc-objects-plan";

const obj = (objectName: string, o: Partial<SpcObject> = {}): SpcObject => ({ objectName, objectType: "secret", objectAlias: null,
  objectVersion: null, objectVersionHistory: null, objectEncoding: null, objectFormat: null, filePermission: null,
  fileName: o.objectAlias ?? objectName, ...o });
const NOW = new Date("2026-11-02T10:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe("SPC objects and the grace period (pure)", () => {
  it("removes an unmapped object only when its last use is older than the grace period; records a time for one without", () => {
    const p = planObjects({ now: NOW, graceSeconds: 600, mapped: new Set(["mapped"]), ensure: ["new-one"],
      objects: [obj("mapped"), obj("old"), obj("recent"), obj("unrecorded")],
      lastUsed: { mapped: ago(7200), old: ago(601), recent: ago(599), gone: ago(10) } });
    expect(p.add).toEqual(["new-one"]);
    expect(p.remove).toEqual(["old"]);
    expect(p.lastUsed).toEqual({ mapped: NOW.toISOString(), "new-one": NOW.toISOString(), recent: ago(599),
      unrecorded: NOW.toISOString() });
    expect(p.worthWriting).toBe(true);
  });

  it("a save that changes nothing does not rewrite fresh times", () => {
    const p = planObjects({ now: NOW, graceSeconds: 600, mapped: new Set(["a"]), ensure: [], objects: [obj("a")],
      lastUsed: { a: ago(60) } });
    expect(p).toMatchObject({ add: [], remove: [], lastUsed: { a: ago(60) }, worthWriting: false });
  });

  it("reuses a plain object listed under the name (any case); refuses one listed with other settings", () => {
    expect(fileNameFor([obj("DB-Pass")], "db-pass")).toEqual({ fileName: "DB-Pass", conflict: null });
    expect(fileNameFor([obj("db-pass", { objectEncoding: "hex" })], "db-pass").conflict?.objectEncoding).toBe("hex");
    expect(fileNameFor([obj("x", { objectAlias: "db-pass" })], "db-pass").conflict?.objectName).toBe("x");
    expect(fileNameFor([], "db-pass")).toEqual({ fileName: "db-pass", conflict: null });
  });
});

describe("SPC objects in a save", () => {
  it("removes expired unmapped objects, keeps mapped ones (whatever their age) and records unrecorded ones", async () => {
    const h = harness({ objects: ["kafka-user", "kafka-pass", "stale", "fresh", "unrecorded"], lastUsed: {
      "kafka-user": "2026-10-01T00:00:00.000Z", "kafka-pass": "2026-10-01T00:00:00.000Z",
      stale: "2026-11-02T09:49:00.000Z", fresh: "2026-11-02T09:55:00.000Z" } });
    putSecretSync(h.cluster, "kafka", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    const saved = await h.service.save(createRequest("plc-1", [endpoint("opc", { syncedSecretName: "plc-1-opc",
      username: existing("opc-user"), password: existing("kafka-pass") })]), { dryRun: false });
    expect(spcObjects(h.cluster)).toEqual(["kafka-user", "kafka-pass", "fresh", "unrecorded", "opc-user"]);
    expect(lastUsedOf(h.cluster)).toEqual({ fresh: "2026-11-02T09:55:00.000Z", "kafka-pass": NOW.toISOString(),
      "kafka-user": NOW.toISOString(), "opc-user": NOW.toISOString(), unrecorded: NOW.toISOString() });
    expect(saved.result.plan.secretProviderClass).toEqual({ name: "spc-ops-test", objectsToAdd: ["opc-user"], objectsToRemove: ["stale"] });
  });

  it("counts the mappings of every SecretSync on the class, the portal's or not", async () => {
    const h = harness({ objects: ["cli-made"], lastUsed: { "cli-made": "2026-10-01T00:00:00.000Z" } });
    putSecretSync(h.cluster, "by-cli", [["cli-made", "token"]], { portal: false, manager: "azure-cli" });
    await h.service.save(createRequest("plc-1", [endpoint("opc", { syncedSecretName: "plc-1-opc",
      username: existing("opc-user"), password: existing("opc-pass") })]), { dryRun: false });
    expect(spcObjects(h.cluster)).toContain("cli-made");
  });

  it("keeps every other item of the class byte for byte, unknown fields included", async () => {
    const h = harness();
    putSpc(h.cluster, "spc-ops-test", [], undefined, ["  - |\n    objectName: hexed\n    objectType: secret\n    objectEncoding: hex\n    customField: keep-me\n"]);
    putSecretSync(h.cluster, "hex", [["hexed", "ca.der"]], { portal: false });
    await h.service.save(createRequest("plc-1", [endpoint("opc", { syncedSecretName: "plc-1-opc",
      username: existing("opc-user"), password: existing("opc-pass") })]), { dryRun: false });
    const text = (h.cluster.get("secretproviderclasses", "spc-ops-test")!.spec!.parameters as Record<string, string>).objects!;
    expect(text).toContain("customField: keep-me");
    expect(spcObjects(h.cluster)).toEqual(["hexed", "opc-user", "opc-pass"]);
  });
});
