import type { KindDefinition } from "./kinds/types";
import { badRequest, invalid } from "./status";
import { admit } from "./store-admission";
import type { KubeObject, WriteOptions } from "./store-types";
import { validateSchema } from "./validation";
import { OBJECT_META_FIELDS, validateMetadata } from "./validation-metadata";

/** apiVersion as objects of a kind carry it: `v1` for core, `<group>/<version>` otherwise. */
export function apiVersionOf(def: KindDefinition): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/**
 * A writable copy of a client's object: checks apiVersion/kind against the kind (filling them in when absent, as
 * the API server decodes a body with the URL's kind as default) and keeps only ObjectMeta fields under metadata.
 */
export function prepareInput(def: KindDefinition, input: unknown, o: WriteOptions): KubeObject {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json`);
  }
  const obj = JSON.parse(JSON.stringify(input)) as KubeObject;
  const expected = apiVersionOf(def);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (obj.kind !== undefined && obj.kind !== def.kind) {
    throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${def.kind})`);
  }
  obj.apiVersion = expected;
  obj.kind = def.kind;
  const meta = obj.metadata ?? {};
  if (typeof meta !== "object" || Array.isArray(meta)) throw badRequest("metadata must be an object");
  for (const key of Object.keys(meta)) {
    if (OBJECT_META_FIELDS.has(key)) continue;
    unknownField(def, `metadata.${key}`, o);
    delete meta[key];
  }
  for (const [key, value] of Object.entries(meta)) if (value === null) delete meta[key];
  obj.metadata = meta;
  return obj;
}

function unknownField(def: KindDefinition, path: string, o: WriteOptions): void {
  const mode = o.fieldValidation ?? "Warn";
  if (mode === "Strict") {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: unknown field "${path}"`);
  }
  if (mode === "Warn") o.warnings?.push(`unknown field "${path}"`);
}

/** Kind rules, schema (with pruning) and metadata checks; throws 422 Invalid with every cause found. */
export function admitAndValidate(def: KindDefinition, obj: KubeObject, prev: KubeObject | undefined, o: WriteOptions): void {
  const causes = admit(def, obj, prev);
  const schema = validateSchema(def.schema, obj);
  for (const path of schema.unknownFields) unknownField(def, path, o);
  causes.push(...validateMetadata(obj.metadata, def.group === "" && def.kind === "Namespace" ? "label" : "subdomain"));
  causes.push(...schema.causes);
  if (causes.length > 0) throw invalid(def, obj.metadata.name ?? "", causes);
}

/** The part of an object whose change bumps `generation`: all but metadata (and status, with a status subresource). */
function generationPart(def: KindDefinition, obj: KubeObject): string {
  const { metadata: _m, status, ...rest } = obj;
  return JSON.stringify(def.subresources?.status ? rest : { ...rest, status });
}

export function specChanged(def: KindDefinition, prev: KubeObject, next: KubeObject): boolean {
  return generationPart(def, prev) !== generationPart(def, next);
}

/** True when a write would change nothing a client can see: the API server then keeps the resourceVersion. */
export function sameContent(prev: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } },
    (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
  return strip(canonical(prev)) === strip(canonical(next));
}

/** RFC 3339 with seconds, as metav1.Time serialises. */
export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

const META_ORDER = ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields"];

const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : typeof v === "object" && v !== null && Object.keys(v).length === 0);

/**
 * Fields in the API server's order (apiVersion, kind, metadata, then the rest), so output reads as kubectl's does;
 * empty metadata maps and lists are dropped, as ObjectMeta's `omitempty` drops them.
 */
export function canonical(obj: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const meta = Object.fromEntries(META_ORDER.filter((k) => metadata[k] !== undefined && !isEmpty(metadata[k])).map((k) => [k, metadata[k]]));
  return { apiVersion, kind, metadata: meta as KubeObject["metadata"], ...rest };
}
