import { describe, expect, it } from "vitest";
import { secretKind, secretSyncKind } from "./kinds";
import { includeObjectParam, table, wantsTable } from "./table";
import { humanDuration } from "./table-age";
import { evaluateJsonPath } from "./table-jsonpath";

const NOW = Date.parse("2026-01-10T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe("Age as kubectl prints it", () => {
  it.each([
    [-5, "<invalid>"], [0, "0s"], [119, "119s"], [120, "2m"], [200, "3m20s"], [600, "10m"], [3 * 3600 - 1, "179m"],
    [3 * 3600, "3h"], [5 * 3600 + 7 * 60, "5h7m"], [47 * 3600, "47h"], [52 * 3600, "2d4h"], [8 * 86400, "8d"],
    [800 * 86400, "2y70d"], [9 * 365 * 86400, "9y"],
  ])("%i s → %s", (seconds, expected) => {
    expect(humanDuration(seconds * 1000)).toBe(expected);
  });
});

describe("printer-column JSONPath", () => {
  const obj = { spec: { parameters: { "dotted.key": "v" }, list: [{ a: 1 }, { a: 2 }] } };
  it("follows fields, quoted keys and indexes", () => {
    expect(evaluateJsonPath(obj, ".spec.parameters['dotted.key']")).toBe("v");
    expect(evaluateJsonPath(obj, ".spec.list[1].a")).toBe(2);
    expect(evaluateJsonPath(obj, ".spec.list[-1].a")).toBe(2);
    expect(evaluateJsonPath(obj, ".spec.missing.deeper")).toBeUndefined();
    expect(evaluateJsonPath(obj, ".spec.list[?(@.a==1)]")).toBeUndefined();
  });
});

describe("Table", () => {
  const sync = {
    apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
    metadata: { name: "edp1secrets", namespace: "ns", creationTimestamp: ago(200), resourceVersion: "7" },
    spec: { secretProviderClassName: "spc-ops-1", serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: [{ sourcePath: "a", targetKey: "b" }] } },
    status: { lastSuccessfulSyncTime: ago(30) },
  };

  it("has Name, the kind's columns and Age, with typed cells and PartialObjectMetadata rows", () => {
    const t = table(secretSyncKind, [sync, { ...sync, metadata: { ...sync.metadata, name: "never-synced" }, status: {} }],
      { resourceVersion: "9", continue: "abc", includeObject: "Metadata", now: NOW }) as {
      columnDefinitions: { name: string; type: string; format: string; priority: number }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
      metadata: Record<string, unknown>;
    };
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(["Name", "SPC", "Type", "Last Sync", "Service Account", "Age"]);
    expect(t.columnDefinitions[0]).toMatchObject({ format: "name", priority: 0 });
    expect(t.columnDefinitions[4]).toMatchObject({ priority: 1 });
    expect(t.rows[0]!.cells).toEqual(["edp1secrets", "spc-ops-1", "Opaque", "30s", "aio-ssc-sa", "3m20s"]);
    expect(t.rows[1]!.cells[3]).toBeNull();
    expect(t.rows[0]!.object).toEqual({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: sync.metadata });
    expect(t.metadata).toEqual({ resourceVersion: "9", continue: "abc" });
  });

  it("computes built-in cells (Secret DATA) and honours includeObject", () => {
    const secret = { apiVersion: "v1", kind: "Secret", type: "Opaque", data: { a: "eA==", b: "eQ==" },
      metadata: { name: "s", creationTimestamp: ago(5) } };
    const none = table(secretKind, [secret], { resourceVersion: "1", includeObject: "None", now: NOW }) as {
      rows: Record<string, unknown>[];
    };
    expect(none.rows[0]).toEqual({ cells: ["s", "Opaque", 2, "5s"] });
    const full = table(secretKind, [secret], { resourceVersion: "1", includeObject: "Object", now: NOW }) as {
      rows: { object: unknown }[];
    };
    expect(full.rows[0]!.object).toBe(secret);
  });

  it("recognises kubectl's Accept header and the includeObject parameter", () => {
    expect(wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")).toBe(true);
    expect(wantsTable("application/json, */*")).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
    expect(includeObjectParam(null)).toBe("Metadata");
    expect(includeObjectParam("Object")).toBe("Object");
  });
});
