import type { KindDefinition } from "./kinds/types";
import type { KubeStore } from "./store";
import { FOREGROUND } from "./store-deletion";
import { apiVersionOf } from "./store-prepare";
import type { KubeObject } from "./store-types";

/** metav1.OwnerReference as stored. */
export interface OwnerReference { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }

export function ownerReferences(obj: KubeObject): OwnerReference[] {
  return (obj.metadata.ownerReferences ?? []) as unknown as OwnerReference[];
}

/** The kind an owner reference names (by apiVersion + kind), if served. */
export function ownerKind(store: KubeStore, ref: OwnerReference): KindDefinition | undefined {
  return store.kinds.find((d) => d.kind === ref.kind && apiVersionOf(d) === ref.apiVersion);
}

/**
 * What the garbage collector makes of each owner of a dependent, as kube-controller-manager classifies them:
 * `solid` (exists with that uid and is not waiting for its dependents), `dangling` (no object with that uid where
 * the reference points: a namespaced owner must be in the dependent's namespace), `waiting` (being deleted in the
 * foreground), `unresolved` (a kind this server does not serve: left alone, as the real collector retries).
 */
export interface OwnerClasses { solid: OwnerReference[]; dangling: OwnerReference[]; waiting: OwnerReference[]; unresolved: OwnerReference[] }

export function classifyOwners(store: KubeStore, dependent: KubeObject): OwnerClasses {
  const out: OwnerClasses = { solid: [], dangling: [], waiting: [], unresolved: [] };
  for (const ref of ownerReferences(dependent)) {
    const def = ownerKind(store, ref);
    if (!def) { out.unresolved.push(ref); continue; }
    const namespace = def.namespaced ? dependent.metadata.namespace : undefined;
    const owner = def.namespaced && namespace === undefined ? undefined : store.get(def, namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) out.dangling.push(ref);
    else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND)) out.waiting.push(ref);
    else out.solid.push(ref);
  }
  return out;
}

/** Where an owner reference of `dependent` points: `<resource>\0<namespace>\0<name>`, for scheduling. */
export function ownerKey(store: KubeStore, dependent: KubeObject, ref: OwnerReference, keyOf: (def: KindDefinition, ns: string | undefined, name: string) => string): string | undefined {
  const def = ownerKind(store, ref);
  if (!def) return undefined;
  return keyOf(def, def.namespaced ? dependent.metadata.namespace : undefined, ref.name);
}
