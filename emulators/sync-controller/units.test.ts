import { describe, expect, it } from "vitest";
import { defaultSecretProviderClassName } from "../kube/seed";
import { setCondition, SyncFailure } from "./conditions";
import { buildSecretData, syncHash } from "./secret-data";
import { fileNameOf, parseSpcObjects, SpcObjectsError } from "./spc-objects";
import { parseSyncInterval } from "./sync-interval";

describe("the default SecretProviderClass name", () => {
  it("follows az iot ops secretsync enable: the CLI's documented example", () => {
    expect(defaultSecretProviderClassName({ cluster: "mycluster", resourceGroup: "myrg", name: "myinstance" }))
      .toBe("spc-ops-d6f672d");
  });
});

describe("SPC objects", () => {
  const cli = "array:\n    - |\n      objectName: kafka-user\n      objectType: secret\n    - |\n      objectName: cert\n" +
    "      objectType: secret\n      objectAlias: cert.der\n      objectEncoding: hex\n";
  const plain = "array:\n  - |\n    objectName: kafka-user\n    objectType: secret\n    objectVersion: \"\"\n";

  it("reads both indentations the CLI writes, with aliases and encodings", () => {
    const objects = parseSpcObjects(cli);
    expect(objects.map(fileNameOf)).toEqual(["kafka-user", "cert.der"]);
    expect(objects[1]).toMatchObject({ objectName: "cert", objectEncoding: "hex" });
    expect(parseSpcObjects(plain)).toEqual([expect.objectContaining({ objectName: "kafka-user", objectVersion: "" })]);
    expect(parseSpcObjects(undefined)).toEqual([]);
  });

  it("names what is wrong with a broken one", () => {
    expect(() => parseSpcObjects("array: [")).toThrow(SpcObjectsError);
    expect(() => parseSpcObjects("array:\n  - |\n    objectType: secret\n")).toThrow(/objectName is required/);
  });
});

describe("SYNC_INTERVAL", () => {
  it("takes seconds or a duration and refuses nonsense", () => {
    expect(parseSyncInterval("120")).toBe(120_000);
    expect(parseSyncInterval("1m30s")).toBe(90_000);
    expect(parseSyncInterval("500ms")).toBe(500);
    expect(() => parseSyncInterval("soon")).toThrow(/not a duration/);
    expect(() => parseSyncInterval("0")).toThrow(/under 100 ms/);
  });
});

describe("conditions", () => {
  it("keep lastTransitionTime while the status stays, move it when the status changes", () => {
    const a = setCondition([], "Update", "UpdateNoValueChangeSucceeded", { now: "T1", generation: 1 });
    const b = setCondition(a, "Update", "UpdateValueChangeOrForceUpdateSucceeded", { now: "T2", generation: 2 });
    expect(b[0]).toMatchObject({ status: "True", lastTransitionTime: "T1", observedGeneration: 2 });
    const c = setCondition(b, "Update", "ProviderError", { now: "T3", detail: "403 Forbidden" });
    expect(c[0]).toMatchObject({ status: "False", lastTransitionTime: "T3" });
    expect(c[0]!.message).toMatch(/provider error.*403 Forbidden$/);
  });
});

describe("Secret data", () => {
  const files = new Map([["user", Buffer.from("alice")]]);

  it("maps sourcePath to targetKey and refuses a path the SPC does not produce", () => {
    expect(buildSecretData([{ sourcePath: "user", targetKey: "username" }], "Opaque", files)).toEqual({ username: Buffer.from("alice") });
    expect(() => buildSecretData([{ sourcePath: "nope", targetKey: "x" }], "Opaque", files)).toThrow(SyncFailure);
  });

  it("allows only tls.crt and tls.key in a kubernetes.io/tls Secret, each with its PEM part", () => {
    expect(() => buildSecretData([{ sourcePath: "user", targetKey: "ca.crt" }], "kubernetes.io/tls", files)).toThrow(/tls\.crt or tls\.key/);
    expect(() => buildSecretData([{ sourcePath: "user", targetKey: "tls.crt" }], "kubernetes.io/tls", files)).toThrow(/no PEM certificate/);
  });

  it("hashes data and the sources' identities: equal inputs, equal hash; any change, another", () => {
    const spc = { uid: "s", generation: 1 };
    const ss = { uid: "u", generation: 1, forceSynchronization: "" };
    const data = { k: Buffer.from("v") };
    expect(syncHash(data, spc, ss)).toBe(syncHash({ k: Buffer.from("v") }, { ...spc }, { ...ss }));
    expect(syncHash(data, { ...spc, generation: 2 }, ss)).not.toBe(syncHash(data, spc, ss));
    expect(syncHash(data, spc, { ...ss, forceSynchronization: "x" })).not.toBe(syncHash(data, spc, ss));
    expect(syncHash({ k: Buffer.from("w") }, spc, ss)).not.toBe(syncHash(data, spc, ss));
  });
});
