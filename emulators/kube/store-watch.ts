import type { KindDefinition } from "./kinds/types";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import type { StoredEvent } from "./store-events";
import type { KubeObject, WatchEvent, WatchOptions } from "./store-types";

/**
 * What a filtered watch sees of a change, as the API server's watch cache reports it: an object that starts to
 * match the selectors is ADDED, one that stops matching is DELETED (with its new state), others are passed through.
 */
export function watchFilter(def: KindDefinition, o: WatchOptions): (e: StoredEvent) => WatchEvent | undefined {
  const byLabel = parseLabelSelector(o.labelSelector);
  const byField = parseFieldSelector(o.fieldSelector, def.selectableFields);
  const namespace = def.namespaced ? o.namespace : undefined;
  const matches = (obj: KubeObject | undefined) =>
    obj !== undefined && (!namespace || obj.metadata.namespace === namespace) && byLabel(obj) && byField(obj);
  return (e) => {
    const now = matches(e.object);
    if (e.type !== "MODIFIED") return now ? { type: e.type, object: e.object } : undefined;
    const before = matches(e.prev);
    if (now && before) return { type: "MODIFIED", object: e.object };
    if (now) return { type: "ADDED", object: e.object };
    if (before) return { type: "DELETED", object: e.object };
    return undefined;
  };
}
