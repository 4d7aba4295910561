import {
  childSchema, fieldSetOf, flatten, formatPath, isAtomicMap, isObject, itemKey, keyedItems, listType, overlaps,
  pathKey, pathsOf, prefixKeys, setKey, trackedPart, type FieldPath,
} from "../field-paths";
import type { JsonSchema, KindDefinition } from "../kinds/types";
import { KubeError } from "../status";
import { changedPaths, withoutPaths } from "../store-managed-fields";
import { conflictsAllowedByLastApplied } from "./last-applied";
import type { KubeObject, ManagedFieldsEntry } from "../store-types";

/**
 * Server-side apply (`application/apply-patch+yaml`) as structured-merge-diff does it, on the kind's schema:
 * the applied configuration is merged into the live object (maps by field, list-maps by their keys, sets by value,
 * everything else replaced); a change to a field another manager owns is a conflict (409) unless forced, which
 * moves ownership; fields this manager applied before but omits now are removed unless someone else owns them; the
 * manager's `Apply` entry then owns exactly the applied fields. Same values are shared, not conflicts.
 */
export interface ApplyInput {
  def: KindDefinition;
  live: KubeObject | undefined;
  /** The applied configuration, already checked against the URL (apiVersion, kind, name, namespace). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  subresource?: "status";
  now: string;
}

export interface ApplyResult { object: KubeObject; managedFields: ManagedFieldsEntry[] }

type Json = unknown;
const TRACKED_METADATA = ["labels", "annotations", "finalizers", "ownerReferences"];
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

export function serverSideApply(i: ApplyInput): ApplyResult {
  const { def, live, applied, manager, subresource } = i;
  const liveTracked = trackedPart(def, live, subresource);
  const appliedTracked = trackedPart(def, applied, subresource);
  let merged = merge(liveTracked, appliedTracked, def.schema) as Record<string, Json>;
  const changed = changedPaths(flatten(liveTracked, def.schema), flatten(merged, def.schema));

  const isMine = (e: ManagedFieldsEntry) => e.manager === manager && e.operation === "Apply" && e.subresource === subresource;
  const entries = live?.metadata.managedFields ?? [];
  const mine = entries.find(isMine);
  const conflicts = findConflicts(entries.filter((e) => !isMine(e)), changed);
  if (conflicts.length > 0 && !i.force && !conflictsAllowedByLastApplied(def, live, manager, conflicts.map((c) => c.path))) {
    throw conflictError(conflicts);
  }
  const others = entries.filter((e) => !isMine(e)).map((e) => withoutPaths(e, changed)).filter((e) => e !== undefined);

  const appliedPaths = [...flatten(appliedTracked, def.schema).values()].map((f) => f.path);
  const appliedKeys = new Set(appliedPaths.map(pathKey));
  const othersPaths = others.flatMap((e) => pathsOf(e.fieldsV1));
  const othersKeys = new Set(othersPaths.map(pathKey));
  const othersPrefixes = prefixKeys(othersPaths);
  for (const dropped of pathsOf(mine?.fieldsV1).filter((p) => !appliedKeys.has(pathKey(p)))) {
    const node = dropped.at(-1) === "." ? dropped.slice(0, -1) : dropped;
    if (isItemKeyField(dropped) || overlaps(node, othersKeys, othersPrefixes)) continue;
    merged = (removeAt(merged, dropped) ?? {}) as Record<string, Json>;
  }

  const entry: ManagedFieldsEntry = {
    manager, operation: "Apply", apiVersion: applied.apiVersion, time: i.now, fieldsType: "FieldsV1",
    fieldsV1: fieldSetOf(appliedPaths), ...(subresource ? { subresource } : {}),
  };
  const at = entries.findIndex(isMine);
  const managedFields = at >= 0 ? [...others.slice(0, at), entry, ...others.slice(at)] : [...others, entry];
  return { object: compose(def, live, applied, merged, subresource), managedFields };
}

function merge(live: Json, applied: Json, schema: JsonSchema | undefined): Json {
  if (applied === null) return undefined;
  if (isObject(applied) && !isAtomicMap(schema)) {
    const out: Record<string, Json> = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) {
      const m = merge(out[k], v, childSchema(schema, k));
      if (m === undefined) delete out[k]; else out[k] = m;
    }
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const type = listType(schema);
    if (type === "map" && keyedItems(applied, schema) && keyedItems(live, schema)) {
      const keys = schema?.["x-kubernetes-list-map-keys"] ?? [];
      const out = [...live] as Record<string, Json>[];
      for (const item of applied as Record<string, Json>[]) {
        const at = out.findIndex((x) => itemKey(x, keys) === itemKey(item, keys));
        const m = merge(at >= 0 ? out[at] : undefined, item, schema?.items) as Record<string, Json>;
        if (at >= 0) out[at] = m; else out.push(m);
      }
      return out;
    }
    if (type === "set") return [...live, ...applied.filter((a) => !live.some((l) => same(l, a)))];
  }
  return applied;
}

/** The value without what `path` names; containers left empty by the removal go too. */
function removeAt(value: Json, path: FieldPath): Json {
  const [el, ...rest] = path;
  if (el === undefined || el === ".") return undefined;
  if (el.startsWith("f:") && isObject(value)) {
    const field = el.slice(2);
    if (!(field in value)) return value;
    const out = { ...value };
    const child = removeAt(out[field], rest);
    if (child === undefined) delete out[field]; else out[field] = child;
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (Array.isArray(value) && (el.startsWith("k:") || el.startsWith("v:"))) {
    const out: Json[] = [];
    for (const item of value) {
      const matches = el.startsWith("v:") ? setKey(item) === el
        : isObject(item) && itemKey(item, Object.keys(JSON.parse(el.slice(2)) as object)) === el;
      if (!matches) { out.push(item); continue; }
      const kept = el.startsWith("v:") ? undefined : removeAt(item, rest);
      if (kept !== undefined) out.push(kept);
    }
    return out.length > 0 ? out : undefined;
  }
  return value;
}

/** A list-map item's key field (`k:{"targetKey":"x"}` then `f:targetKey`) goes only with the item. */
function isItemKeyField(path: FieldPath): boolean {
  const parent = path.at(-2);
  const last = path.at(-1);
  if (!parent?.startsWith("k:") || !last?.startsWith("f:")) return false;
  return last.slice(2) in (JSON.parse(parent.slice(2)) as object);
}

/** The whole object: the merged tracked part over the live object (or the applied one, on create). */
function compose(def: KindDefinition, live: KubeObject | undefined, applied: KubeObject, tracked: Record<string, Json>,
  subresource: string | undefined): KubeObject {
  const base: KubeObject = structuredClone(live ?? { ...applied, metadata: { ...applied.metadata } });
  if (subresource === "status") {
    if (tracked.status === undefined) delete base.status; else base.status = tracked.status;
    return base;
  }
  for (const k of Object.keys(base)) {
    if (k !== "apiVersion" && k !== "kind" && k !== "metadata" && !(k === "status" && def.subresources?.status)) delete base[k];
  }
  const { metadata, ...rest } = tracked;
  Object.assign(base, rest);
  const meta = isObject(metadata) ? metadata : {};
  for (const f of TRACKED_METADATA) {
    if (meta[f] === undefined) delete base.metadata[f]; else base.metadata[f] = meta[f];
  }
  return base;
}

interface Conflict { who: string; path: FieldPath }

function findConflicts(entries: readonly ManagedFieldsEntry[], changed: FieldPath[]): Conflict[] {
  if (changed.length === 0) return [];
  const keys = new Set(changed.map(pathKey));
  const prefixes = prefixKeys(changed);
  const out: Conflict[] = [];
  for (const e of entries) {
    const who = managerName(e);
    for (const path of pathsOf(e.fieldsV1)) if (overlaps(path, keys, prefixes)) out.push({ who, path });
  }
  // As structured-merge-diff iterates its sets: by manager, then path.
  const order = (c: Conflict) => `${c.who}\u0000${formatPath(c.path)}`;
  return out.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** How the API server names a manager in a conflict: appliers by name, updaters with their apiVersion. */
function managerName(e: ManagedFieldsEntry): string {
  const name = `${JSON.stringify(e.manager)}${e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : ""}`;
  return e.operation === "Update" ? `${name} using ${e.apiVersion}` : name;
}

/** 409 Conflict worded as kube-apiserver's (kubectl prints the message and how to resolve it). */
function conflictError(conflicts: Conflict[]): KubeError {
  const causes = conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${c.who}`, field: formatPath(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    const [c] = conflicts as [Conflict];
    message = `Apply failed with 1 conflict: conflict with ${c.who}: ${formatPath(c.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(c.who, [...(byManager.get(c.who) ?? []), `- ${formatPath(c.path)}`]);
    const parts = [...byManager.keys()].sort().flatMap((who) => [`conflicts with ${who}:`, ...(byManager.get(who) ?? [])]);
    message = `Apply failed with ${conflicts.length} conflicts: ${parts.join("\n")}`;
  }
  return new KubeError(409, "Conflict", message, { causes });
}
