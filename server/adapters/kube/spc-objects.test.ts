import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newSpcObjectInput, type NewSpcObjectInput } from "@/lib/schemas/spc-object";
import { parseSpcObjects, SpcObjectConflictError, SpcObjectsFormatError } from "./spc-objects";

// What the Azure CLI writes (PyYAML with a block-literal representer, safe_dump(indent=6)), before and after its
// "\n- |" → "\n    - |" rewrite; generated with Debian's PyYAML. The second item carries a field the provider does
// not know and quoted values, which a rewrite must keep exactly.
const CLI_RAW = "array:\n- |\n      objectName: kafka-user\n      objectType: secret\n- |\n      objectName: kafka-pass\n"
  + "      objectType: secret\n      objectVersion: ''\n      customField: keep-me\n      filePermission: '0644'\n";
const CLI_REWRITTEN = CLI_RAW.replaceAll("\n- |", "\n    - |");
// The provider's documented form (domain.md §1.4 example), with a comment and an outer key of its own.
const DOCUMENTED = `# managed by ops
array:
  - |
    objectName: opc-cert
    objectType: secret
    objectAlias: server.der
    objectEncoding: hex
  - |
    objectType: secret
    objectName: history
    objectVersionHistory: 3
other: kept
`;

const add = (o: NewSpcObjectInput) => newSpcObjectInput.parse(o);
/** What the provider itself reads: the outer YAML, then each item as a YAML document. */
const providerView = (text: string) =>
  ((parse(text) as { array?: string[] } | null)?.array ?? []).map((item) => parse(item) as Record<string, unknown>);

describe("SecretProviderClass objects", () => {
  it.each([["the CLI's indent=6 form", CLI_RAW], ["the CLI's rewritten form", CLI_REWRITTEN]])(
    "reads %s", (_, text) => {
      const list = parseSpcObjects(text);
      expect(list.objects.map((o) => o.fileName)).toEqual(["kafka-user", "kafka-pass"]);
      expect(list.objects[1]).toEqual({ objectName: "kafka-pass", objectType: "secret", objectAlias: null,
        objectVersion: "", objectVersionHistory: null, objectEncoding: null, objectFormat: null,
        filePermission: "0644", fileName: "kafka-pass" });
    });

  it.each([["CLI raw", CLI_RAW], ["CLI rewritten", CLI_REWRITTEN], ["documented", DOCUMENTED]])(
    "adds one object to the %s form and keeps every other object byte for byte", (_, text) => {
      const before = providerView(text);
      const list = parseSpcObjects(text);
      expect(list.add(add({ objectName: "new-one" }))).toBe(true);
      const out = list.toString();
      const after = providerView(out);
      expect(after.slice(0, -1)).toEqual(before);
      expect(after.at(-1)).toEqual({ objectName: "new-one", objectType: "secret" });
      // Untouched items are the same strings, so unknown fields and their order survive.
      const items = (parse(out) as { array: string[] }).array;
      expect(items.slice(0, -1)).toEqual((parse(text) as { array: string[] }).array);
      // And the result reads back the same way.
      expect(parseSpcObjects(out).objects.map((o) => o.fileName)).toEqual([...before.map((b) =>
        String(b.objectAlias ?? b.objectName)), "new-one"]);
    });

  it("removes one object and keeps the others, the comment and other keys", () => {
    const list = parseSpcObjects(DOCUMENTED);
    expect(list.remove("server.der")).toBe(true);
    expect(list.remove("server.der")).toBe(false);
    const out = list.toString();
    expect(out).toContain("# managed by ops");
    expect((parse(out) as { other: string }).other).toBe("kept");
    expect(providerView(out)).toEqual([{ objectType: "secret", objectName: "history", objectVersionHistory: 3 }]);
  });

  it("writes the fields the CLI writes, quoting what YAML would misread", () => {
    const list = parseSpcObjects("");
    list.add(add({ objectName: "cert-1", objectAlias: "client.pem", objectVersion: "", filePermission: "0644" }));
    list.add(add({ objectName: "true" }));
    expect(providerView(list.toString())).toEqual([
      { objectName: "cert-1", objectType: "secret", objectAlias: "client.pem", objectVersion: "", filePermission: "0644" },
      { objectName: "true", objectType: "secret" },
    ]);
    expect(list.toString()).toMatch(/^array:\n {2}- \|\n {4}objectName: cert-1\n/);
  });

  it.each([undefined, null, "", "  \n", "array:", "array: []"])("reads %j as no objects", (text) => {
    const list = parseSpcObjects(text);
    expect(list.objects).toEqual([]);
    list.add(add({ objectName: "first" }));
    expect(providerView(list.toString())).toEqual([{ objectName: "first", objectType: "secret" }]);
  });

  it("writes an empty objects parameter when the last object goes, as the CLI does", () => {
    const list = parseSpcObjects(CLI_REWRITTEN);
    list.remove("kafka-user");
    list.remove("kafka-pass");
    expect(list.toString()).toBe("");
  });

  it("adding an identical object twice changes nothing; a different one under the same file name is refused", () => {
    const list = parseSpcObjects(CLI_REWRITTEN);
    const before = list.toString();
    expect(list.add(add({ objectName: "kafka-user" }))).toBe(false);
    expect(list.add(add({ objectName: "kafka-pass", objectVersion: "latest", filePermission: "0644" }))).toBe(false);
    expect(list.toString()).toBe(before);
    expect(() => list.add(add({ objectName: "kafka-user", objectEncoding: "base64" }))).toThrow(SpcObjectConflictError);
    expect(() => list.add(add({ objectName: "other", objectAlias: "kafka-user" }))).toThrow(SpcObjectConflictError);
    expect(list.objects).toHaveLength(2);
  });

  it("an alias is a separate file: the same secret may be listed under two names", () => {
    const list = parseSpcObjects(CLI_REWRITTEN);
    expect(list.add(add({ objectName: "kafka-user", objectAlias: "user-copy" }))).toBe(true);
    expect(list.objects.map((o) => o.fileName)).toEqual(["kafka-user", "kafka-pass", "user-copy"]);
  });

  it("reads an item seen before from memory, each reader with its own copy; a bad item is refused every time", () => {
    const first = parseSpcObjects(DOCUMENTED).objects;
    const again = parseSpcObjects(DOCUMENTED).objects;
    expect(again).toEqual(first);
    expect(again[0]).not.toBe(first[0]);
    (again[0] as { objectName: string }).objectName = "changed by a reader";
    expect(parseSpcObjects(DOCUMENTED).objects[0]!.objectName).toBe("opc-cert");
    // The same item at another position: refused with that position.
    const bad = "  - |\n    objectType: secret\n";
    expect(() => parseSpcObjects(`array:\n${bad}`)).toThrow(/item 1 has no objectName/);
    expect(() => parseSpcObjects(`array:\n  - |\n    objectName: ok\n${bad}`)).toThrow(/item 2 has no objectName/);
  });

  it.each([
    ["not YAML", "array: [unclosed", /not valid YAML/],
    ["a list, not a mapping", "- a\n- b\n", /not a YAML mapping/],
    ["array not a list", "array: nope\n", /`array` is not a list/],
    ["an item that is a map", "array:\n  - objectName: a\n", /item 1 of `array` is not a string/],
    ["an item without objectName", "array:\n  - |\n    objectType: secret\n", /item 1 has no objectName/],
    ["an item that is not YAML", "array:\n  - |\n    objectName: [a\n", /item 1 is not valid YAML/],
    ["duplicate keys in an item", "array:\n  - |\n    objectName: a\n    objectName: b\n", /item 1 is not valid YAML/],
    ["a nested value", "array:\n  - |\n    objectName: a\n    objectVersion: {x: 1}\n", /objectVersion is not a single value/],
  ])("refuses %s", (_, text, reason) => {
    expect(() => parseSpcObjects(text)).toThrow(SpcObjectsFormatError);
    expect(() => parseSpcObjects(text)).toThrow(reason);
  });
});
