/**
 * Strategic merge patch for the built-in kinds (what `kubectl apply`, `edit` and `patch` send for a Secret or
 * ConfigMap): a JSON merge patch plus the directives kubectl writes (`$patch: replace|delete`, `$retainKeys`,
 * `$deleteFromPrimitiveList/<f>`, `$setElementOrder/<f>`) and lists merged by their patch merge key, per the
 * `patchStrategy`/`patchMergeKey` tags of the core/v1 and meta/v1 Go types our kinds use. Every other list is
 * replaced, as an untagged list is.
 */
type Json = unknown;
type Obj = Record<string, Json>;
const isObject = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Field path (dots, no indexes) → merge key of a list of objects; "" = a list of primitives merged as a set. */
const MERGE_LISTS: Record<string, string> = {
  "metadata.ownerReferences": "uid",
  "metadata.finalizers": "",
  secrets: "name",                 // ServiceAccount
  imagePullSecrets: "name",        // ServiceAccount
};

export function strategicMergePatch(target: Json, patch: Json, path = ""): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === "delete") return undefined;
  const replace = patch.$patch === "replace";
  const base: Obj = !replace && isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key === "$retainKeys" || key.startsWith("$setElementOrder/")) continue;
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const list = base[field];
      if (Array.isArray(list) && Array.isArray(value)) base[field] = list.filter((x) => !value.includes(x));
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    if (value === null) { delete base[key]; continue; }
    const mergeKey = MERGE_LISTS[childPath];
    if (Array.isArray(value) && mergeKey !== undefined) {
      base[key] = mergeList(Array.isArray(base[key]) ? base[key] : [], value, mergeKey, childPath);
      continue;
    }
    const merged = isObject(value) ? strategicMergePatch(base[key], value, childPath) : value;
    if (merged === undefined) delete base[key]; else base[key] = merged;
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) for (const key of Object.keys(base)) if (!retain.includes(key)) delete base[key];
  return base;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string, path: string): Json[] {
  if (mergeKey === "") return [...current, ...patch.filter((x) => !current.includes(x))];
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const at = out.findIndex((x) => isObject(x) && x[mergeKey] === item[mergeKey]);
    if (item.$patch === "delete") { if (at >= 0) out.splice(at, 1); continue; }
    const merged = strategicMergePatch(at >= 0 ? out[at] : {}, item, path);
    if (at >= 0) out[at] = merged; else out.push(merged);
  }
  return out;
}
