import { flatten, overlaps, pathKey, prefixKeys, trackedPart, type FieldPath } from "../field-paths";
import type { KindDefinition } from "../kinds/types";
import type { KubeObject } from "../store-types";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/**
 * kube-apiserver's lastAppliedManager: `kubectl apply --server-side` (manager "kubectl") of an object last written by
 * client-side apply may take over the fields of its last-applied configuration without `--force-conflicts`, as long
 * as the live object still holds those values. True when every conflicting path lies within that configuration.
 */
export function conflictsAllowedByLastApplied(def: KindDefinition, live: KubeObject | undefined, manager: string,
  conflicting: FieldPath[]): boolean {
  if (manager !== "kubectl" || !live) return false;
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return false;
  let lastApplied: KubeObject;
  try {
    lastApplied = JSON.parse(text) as KubeObject;
  } catch {
    return false;
  }
  if (typeof lastApplied !== "object" || lastApplied === null || typeof lastApplied.metadata !== "object") return false;
  const applied = flatten(trackedPart(def, lastApplied, undefined), def.schema);
  const current = flatten(trackedPart(def, live, undefined), def.schema);
  const present = prefixKeys([...current.values()].map((f) => f.path));
  for (const [key, field] of applied) {
    // An empty map in the configuration (kubectl writes `annotations: {}`) only says the map exists.
    if (field.value === "{}" ? !present.has(key) : current.get(key)?.value !== field.value) return false;
  }
  const paths = [...applied.values()].map((f) => f.path);
  const keys = new Set(paths.map(pathKey));
  const prefixes = prefixKeys(paths);
  return conflicting.every((p) => overlaps(p, keys, prefixes));
}
