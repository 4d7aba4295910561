import { describe, expect, it } from "vitest";
import { strategicMergePatch } from "./strategic-merge-patch";

describe("strategic merge patch (built-in kinds)", () => {
  it("merges maps and deletes nulls like a merge patch", () => {
    expect(strategicMergePatch({ data: { a: "1", b: "2" }, type: "Opaque" }, { data: { b: null, c: "3" } }))
      .toEqual({ data: { a: "1", c: "3" }, type: "Opaque" });
  });

  it("honours kubectl's directives", () => {
    const current = { metadata: { labels: { a: "1", b: "2" }, finalizers: ["x", "y"] }, data: { k: "v" } };
    expect(strategicMergePatch(current, { metadata: { labels: { $patch: "replace", c: "3" } } }))
      .toEqual({ ...current, metadata: { ...current.metadata, labels: { c: "3" } } });
    expect(strategicMergePatch(current, { data: { $patch: "delete" } })).toEqual({ metadata: current.metadata });
    expect(strategicMergePatch(current, { metadata: { "$deleteFromPrimitiveList/finalizers": ["x"], "$setElementOrder/finalizers": ["y"] } }))
      .toEqual({ ...current, metadata: { ...current.metadata, finalizers: ["y"] } });
    expect(strategicMergePatch({ a: 1, b: 2, c: 3 }, { $retainKeys: ["a", "c"], c: 4 })).toEqual({ a: 1, c: 4 });
  });

  it("merges tagged lists by their key and replaces the others", () => {
    const current = { metadata: { ownerReferences: [{ uid: "1", name: "a" }, { uid: "2", name: "b" }], finalizers: ["x"] },
      secrets: [{ name: "s1" }], spec: { finalizers: ["kubernetes"] } };
    const patched = strategicMergePatch(current, {
      metadata: { ownerReferences: [{ uid: "2", name: "B" }, { uid: "1", $patch: "delete" }, { uid: "3", name: "c" }], finalizers: ["z"] },
      secrets: [{ name: "s2" }], spec: { finalizers: [] },
    });
    expect(patched).toEqual({ metadata: { ownerReferences: [{ uid: "2", name: "B" }, { uid: "3", name: "c" }], finalizers: ["x", "z"] },
      secrets: [{ name: "s1" }, { name: "s2" }], spec: { finalizers: [] } });
  });
});
