import type { FieldSet, KubeObject, ManagedFieldsEntry } from "./store-types";

/**
 * managedFields for `Update` operations (create, PUT, PATCH): the writer's entry owns the fields it set or changed,
 * and loses them from every other manager, as the API server tracks ownership. Server-side apply (issue 5) adds
 * `Apply` entries and conflict detection on top of the same FieldsV1 sets.
 */
const METADATA_TRACKED = ["labels", "annotations", "finalizers", "ownerReferences"];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fields present in an object (lists are owned whole, as atomic lists are). */
function fieldsOf(value: Record<string, Json>): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(value)) out[`f:${k}`] = isObject(v) && Object.keys(v).length > 0 ? fieldsOf(v) : {};
  return out;
}

/** Fields that differ between two objects (added or changed in `next`). */
function changed(prev: Json, next: Record<string, Json>): FieldSet {
  const out: FieldSet = {};
  const before = isObject(prev) ? prev : {};
  for (const [k, v] of Object.entries(next)) {
    const old = before[k];
    if (JSON.stringify(old) === JSON.stringify(v)) continue;
    out[`f:${k}`] = isObject(v) && isObject(old) ? changed(old, v) : isObject(v) && Object.keys(v).length > 0 ? fieldsOf(v) : {};
  }
  return out;
}

function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? union(out[k], v) : v;
  return out;
}

/** `a` without the fields of `b` (a field owned whole in `b` removes everything under it). */
function subtract(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = {};
  for (const [k, v] of Object.entries(a)) {
    const other = b[k];
    if (!other) { out[k] = v; continue; }
    if (Object.keys(other).length === 0 || Object.keys(v).length === 0) continue;
    const rest = subtract(v, other);
    if (Object.keys(rest).length > 0) out[k] = rest;
  }
  return out;
}

/** The tracked part of an object: everything but status (or only status) and most of metadata. */
function tracked(obj: KubeObject | undefined, subresource: string | undefined): Record<string, Json> {
  if (!obj) return {};
  const { metadata, apiVersion: _a, kind: _k, ...rest } = obj;
  const meta = Object.fromEntries(METADATA_TRACKED.filter((f) => metadata[f] !== undefined).map((f) => [f, metadata[f]]));
  const body: Record<string, Json> = subresource === "status" ? { status: rest.status } : { ...rest };
  if (subresource !== "status" && Object.keys(meta).length > 0) body.metadata = meta;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

export function updateManagedFields(prev: KubeObject | undefined, next: KubeObject, manager: string,
  subresource: string | undefined, now: string): ManagedFieldsEntry[] | undefined {
  const touched = changed(tracked(prev, subresource), tracked(next, subresource));
  const entries = (prev?.metadata.managedFields ?? []).map((e) => ({ ...e }));
  if (Object.keys(touched).length === 0) return entries.length > 0 ? entries : undefined;
  const kept: ManagedFieldsEntry[] = [];
  let mine: ManagedFieldsEntry | undefined;
  for (const e of entries) {
    if (e.manager === manager && e.operation === "Update" && e.subresource === subresource) { mine = e; continue; }
    const rest = subtract(e.fieldsV1, touched);
    if (Object.keys(rest).length > 0) kept.push({ ...e, fieldsV1: rest });
  }
  kept.push({
    manager, operation: "Update", apiVersion: next.apiVersion, time: now, fieldsType: "FieldsV1",
    fieldsV1: union(mine?.fieldsV1 ?? {}, touched), ...(subresource ? { subresource } : {}),
  });
  return kept;
}
