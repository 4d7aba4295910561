import type { JsonSchema, KindDefinition } from "./kinds/types";
import type { FieldSet, KubeObject } from "./store-types";

/**
 * Field paths as structured-merge-diff names them, the vocabulary of managedFields (FieldsV1) and server-side
 * apply: `f:<field>` for an object's field, `k:{"targetKey":"x"}` for an item of a list-map (keyed by
 * `x-kubernetes-list-map-keys`), `v:"x"` for an item of a set, and `.` for "the item itself". Atomic lists (the CRD
 * default) and `x-kubernetes-map-type: atomic` maps are one leaf. A path is an array of those elements.
 */
export type FieldPath = string[];
type Json = unknown;

export const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The identity of a path in Maps and Sets (elements never contain NUL: label keys and field names cannot). */
export const pathKey = (path: FieldPath): string => path.join("\u0000");

export function childSchema(schema: JsonSchema | undefined, field: string): JsonSchema | undefined {
  if (!schema) return undefined;
  const prop = schema.properties?.[field];
  if (prop) return prop;
  return typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
}

export function listType(schema: JsonSchema | undefined): "atomic" | "set" | "map" {
  return schema?.["x-kubernetes-list-type"] ?? "atomic";
}

export const isAtomicMap = (schema: JsonSchema | undefined) => schema?.["x-kubernetes-map-type"] === "atomic";

/** `k:{"targetKey":"x"}` for a list-map item (its key fields in the schema's order). */
export function itemKey(item: Record<string, Json>, keys: readonly string[]): string {
  return `k:${JSON.stringify(Object.fromEntries(keys.map((k) => [k, item[k]])))}`;
}

export const setKey = (value: Json): string => `v:${JSON.stringify(value)}`;

/** A list-map's items can be keyed only when each is an object carrying every key. */
export function keyedItems(list: Json[], schema: JsonSchema | undefined): boolean {
  const keys = schema?.["x-kubernetes-list-map-keys"] ?? [];
  return keys.length > 0 && list.every((i) => isObject(i) && keys.every((k) => i[k] !== undefined));
}

/**
 * Every leaf path of a value with its serialised value, so that two flattenings compare field by field. Empty
 * objects, atomic lists and scalars are leaves; list-map items contribute their `.` plus their fields.
 */
export function flatten(value: Json, schema: JsonSchema | undefined, prefix: FieldPath = [],
  out = new Map<string, { path: FieldPath; value: string }>()): Map<string, { path: FieldPath; value: string }> {
  const leaf = (path: FieldPath, v: string) => { if (path.length > 0) out.set(pathKey(path), { path, value: v }); };
  if (isObject(value) && !isAtomicMap(schema)) {
    const entries = Object.entries(value);
    if (entries.length === 0) leaf(prefix, "{}");
    for (const [k, v] of entries) flatten(v, childSchema(schema, k), [...prefix, `f:${k}`], out);
    return out;
  }
  if (Array.isArray(value) && value.length > 0) {
    const type = listType(schema);
    if (type === "map" && keyedItems(value, schema)) {
      const keys = schema?.["x-kubernetes-list-map-keys"] ?? [];
      for (const item of value as Record<string, Json>[]) {
        const at = [...prefix, itemKey(item, keys)];
        leaf([...at, "."], "item");
        flatten(item, schema?.items, at, out);
      }
      return out;
    }
    if (type === "set") {
      for (const item of value) leaf([...prefix, setKey(item)], "item");
      return out;
    }
  }
  leaf(prefix, JSON.stringify(value));
  return out;
}

const TRACKED_METADATA = ["labels", "annotations", "finalizers", "ownerReferences"];

/**
 * The part of an object whose fields managedFields track, as the API server strips it: no apiVersion/kind, of
 * metadata only labels/annotations/finalizers/ownerReferences; with a status subresource, the main resource
 * without status and the status subresource with status only.
 */
export function trackedPart(def: KindDefinition, obj: KubeObject | undefined, subresource: string | undefined): Record<string, Json> {
  if (!obj) return {};
  const { metadata, apiVersion: _a, kind: _k, ...rest } = obj;
  if (subresource === "status") return rest.status === undefined ? {} : { status: rest.status };
  const body: Record<string, Json> = { ...rest };
  if (def.subresources?.status) delete body.status;
  const meta = Object.fromEntries(TRACKED_METADATA.filter((f) => metadata?.[f] !== undefined).map((f) => [f, metadata[f]]));
  if (Object.keys(meta).length > 0) body.metadata = meta;
  for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
  return body;
}

/** The tracked fields of an object (all of them: main resource and status). */
export function objectFields(def: KindDefinition, obj: KubeObject | undefined) {
  const main = flatten(trackedPart(def, obj, undefined), def.schema);
  if (def.subresources?.status) flatten(trackedPart(def, obj, "status"), def.schema, [], main);
  return main;
}

/** Keys of the paths and of all their prefixes: "does anything exist at or under this path?" */
export function prefixKeys(paths: Iterable<FieldPath>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) for (let i = 1; i <= p.length; i++) out.add(pathKey(p.slice(0, i)));
  return out;
}

/** True when `path` equals, contains or lies under one of the paths whose prefixes are in `prefixes`/`keys`. */
export function overlaps(path: FieldPath, keys: Set<string>, prefixes: Set<string>): boolean {
  if (prefixes.has(pathKey(path))) return true;                         // equal, or a parent of a path in the set
  for (let i = 1; i < path.length; i++) if (keys.has(pathKey(path.slice(0, i)))) return true;   // under one
  return false;
}

/** FieldsV1 trie → leaf paths. A node with children and `.` is owned itself too. */
export function pathsOf(set: FieldSet | undefined, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  for (const [k, v] of Object.entries(set ?? {})) {
    const path = [...prefix, k];
    if (Object.keys(v).length === 0) out.push(path); else pathsOf(v, path, out);
  }
  return out;
}

/** Leaf paths → FieldsV1 trie. */
export function fieldSetOf(paths: Iterable<FieldPath>): FieldSet {
  const root: FieldSet = {};
  for (const path of paths) {
    let node = root;
    for (const el of path) node = node[el] ??= {};
  }
  return root;
}

/** `.spec.secretObject.data[targetKey="password"].sourcePath`, as fieldpath.Path prints in conflict messages. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const el of path) {
    if (el === ".") continue;
    if (el.startsWith("f:")) out += `.${el.slice(2)}`;
    else if (el.startsWith("v:")) out += `[=${el.slice(2)}]`;
    else if (el.startsWith("k:")) {
      const keys = JSON.parse(el.slice(2)) as Record<string, Json>;
      out += `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
    } else out += `[${el}]`;
  }
  return out;
}
