import {
  fieldSetOf, flatten, objectFields, overlaps, pathKey, pathsOf, prefixKeys, trackedPart, type FieldPath,
} from "./field-paths";
import type { KindDefinition } from "./kinds/types";
import type { KubeObject, ManagedFieldsEntry } from "./store-types";

/**
 * managedFields bookkeeping shared by every write. `Update` operations (create, PUT, non-apply PATCH): the writer's
 * entry gains the fields it added or changed, and every other manager loses them, as the API server forces updates.
 * Server-side apply computes its entries itself (patch/server-side-apply.ts). Either way, entries are finally cut to
 * the fields the stored object still has, and empty entries are dropped.
 */

/** Paths whose value differs between two flattenings (added, changed or removed). */
export function changedPaths(before: ReturnType<typeof flatten>, after: ReturnType<typeof flatten>): FieldPath[] {
  const out: FieldPath[] = [];
  for (const [k, v] of after) if (before.get(k)?.value !== v.value) out.push(v.path);
  for (const [k, v] of before) if (!after.has(k)) out.push(v.path);
  return out;
}

/** The entry without the paths that overlap `taken`; undefined when nothing is left. */
export function withoutPaths(e: ManagedFieldsEntry, taken: FieldPath[]): ManagedFieldsEntry | undefined {
  if (taken.length === 0) return e;
  const keys = new Set(taken.map(pathKey));
  const prefixes = prefixKeys(taken);
  const rest = pathsOf(e.fieldsV1).filter((p) => !overlaps(p, keys, prefixes));
  return rest.length > 0 ? { ...e, fieldsV1: fieldSetOf(rest) } : undefined;
}

export function updateManagedFields(def: KindDefinition, prev: KubeObject | undefined, next: KubeObject, manager: string,
  subresource: string | undefined, now: string): ManagedFieldsEntry[] | undefined {
  const before = flatten(trackedPart(def, prev, subresource), def.schema);
  const after = flatten(trackedPart(def, next, subresource), def.schema);
  const touched = changedPaths(before, after);
  const entries = prev?.metadata.managedFields ?? [];
  if (touched.length === 0) return settleManagedFields(def, entries, next);
  const added = touched.filter((p) => after.has(pathKey(p)));
  const kept: ManagedFieldsEntry[] = [];
  let mine: ManagedFieldsEntry | undefined;
  for (const e of entries) {
    if (e.manager === manager && e.operation === "Update" && e.subresource === subresource) { mine = e; continue; }
    const rest = withoutPaths(e, touched);
    if (rest) kept.push(rest);
  }
  if (added.length > 0 || mine) {
    kept.push({
      manager, operation: "Update", apiVersion: next.apiVersion, time: added.length > 0 ? now : mine?.time ?? now,
      fieldsType: "FieldsV1", fieldsV1: fieldSetOf([...pathsOf(mine?.fieldsV1), ...added]),
      ...(subresource ? { subresource } : {}),
    });
  }
  return settleManagedFields(def, kept, next);
}

/**
 * Entries cut to the fields `obj` has (a removed field is nobody's), empty ones dropped; undefined when none. With
 * `submitted` (an apply: the object before the kind's rules ran), its fields count too, as kube-apiserver tracks
 * ownership before the registry strategy (an applied Secret `stringData` stays owned although only `data` is stored).
 */
export function settleManagedFields(def: KindDefinition, entries: readonly ManagedFieldsEntry[], obj: KubeObject,
  submitted?: KubeObject): ManagedFieldsEntry[] | undefined {
  if (entries.length === 0) return undefined;
  const fields = [...objectFields(def, obj).values(), ...(submitted ? objectFields(def, submitted).values() : [])];
  const existing = prefixKeys(fields.map((f) => f.path));
  const out: ManagedFieldsEntry[] = [];
  for (const e of entries) {
    const all = pathsOf(e.fieldsV1);
    const kept = all.filter((p) => existing.has(pathKey(p)));
    if (kept.length === 0) continue;
    out.push(kept.length === all.length ? e : { ...e, fieldsV1: fieldSetOf(kept) });
  }
  return out.length > 0 ? out : undefined;
}

/** Same owners of the same fields (times aside): an apply that changes nothing else then writes nothing. */
export function sameOwnership(a: readonly ManagedFieldsEntry[] | undefined, b: readonly ManagedFieldsEntry[] | undefined): boolean {
  const norm = (l: readonly ManagedFieldsEntry[] | undefined) => JSON.stringify((l ?? []).map((e) =>
    [e.manager, e.operation, e.subresource ?? "", e.apiVersion, pathsOf(e.fieldsV1).map(pathKey).sort()]).sort());
  return norm(a) === norm(b);
}
