import type { KindDefinition } from "./kinds/types";
import { invalid, KubeError, qualifiedResource } from "./status";
import type { KubeObject, PropagationPolicy } from "./store-types";

/**
 * Graceful deletion as the API server's registry does it: an object with finalizers is not removed by DELETE but
 * marked (`deletionTimestamp`, `deletionGracePeriodSeconds: 0`, generation bumped) and stays until its finalizers
 * are gone. Foreground and Orphan propagation are finalizers too (`foregroundDeletion`, `orphan`) that the garbage
 * collector (gc.ts) removes once it has dealt with the dependents; a Namespace also waits for its
 * `spec.finalizers` (`kubernetes`, removed by the namespace deleter once the namespace is empty).
 */
export const FOREGROUND = "foregroundDeletion";
export const ORPHAN = "orphan";

export const isNamespaceKind = (def: KindDefinition) => def.group === "" && def.kind === "Namespace";

function specFinalizers(obj: KubeObject): string[] {
  const spec = obj.spec as { finalizers?: unknown } | undefined;
  return Array.isArray(spec?.finalizers) ? spec.finalizers as string[] : [];
}

/** True while something still holds the object back from removal. */
export function hasFinalizers(def: KindDefinition, obj: KubeObject): boolean {
  return (obj.metadata.finalizers?.length ?? 0) > 0 || (isNamespaceKind(def) && specFinalizers(obj).length > 0);
}

/**
 * The finalizers after a DELETE: the GC finalizers are reset by an explicit policy (Foreground adds
 * `foregroundDeletion`, Orphan adds `orphan`, Background neither) and kept as they are without one.
 */
export function deletionFinalizers(current: readonly string[] | undefined, policy: PropagationPolicy | undefined): string[] {
  const list = [...(current ?? [])];
  if (!policy) return list;
  const rest = list.filter((f) => f !== FOREGROUND && f !== ORPHAN);
  if (policy === "Foreground") rest.push(FOREGROUND);
  if (policy === "Orphan") rest.push(ORPHAN);
  return rest;
}

/** The object as marked for deletion (the first DELETE sets the timestamp; later ones keep it). */
export function markedForDeletion(def: KindDefinition, prev: KubeObject, finalizers: string[], now: string): KubeObject {
  const meta = { ...prev.metadata };
  if (finalizers.length > 0) meta.finalizers = finalizers; else delete meta.finalizers;
  const next: KubeObject = { ...prev, metadata: meta };
  if (!meta.deletionTimestamp) {
    meta.deletionTimestamp = now;
    meta.deletionGracePeriodSeconds = 0;
    if (meta.generation !== undefined) meta.generation += 1;
  }
  if (isNamespaceKind(def)) next.status = { ...(prev.status as object | undefined), phase: "Terminating" };
  return next;
}

/**
 * Update rules for an object being deleted: the timestamp stays, and no finalizer may be added (422 Forbidden, as
 * kube-apiserver's ValidateObjectMetaUpdate).
 */
export function checkDeletingUpdate(def: KindDefinition, prev: KubeObject, next: KubeObject): void {
  const deletion = prev.metadata.deletionTimestamp;
  if (!deletion) return;
  next.metadata.deletionTimestamp = deletion;
  if (prev.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = prev.metadata.deletionGracePeriodSeconds;
  const before = new Set(prev.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length > 0) {
    throw invalid(def, prev.metadata.name, [{ reason: "FieldValueForbidden", field: "metadata.finalizers",
      message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(", ")}}` }]);
  }
}

/** A second DELETE of a terminating namespace, as the namespace registry answers it. */
export function namespaceTerminating(def: KindDefinition, name: string): KubeError {
  return new KubeError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": The system is ensuring all ` +
    "content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
  { name, kind: def.plural });
}

/** Creating in a namespace that is being deleted (the NamespaceLifecycle admission plugin). */
export function namespaceTerminatingForbidden(def: KindDefinition, name: string | undefined, namespace: string): KubeError {
  return new KubeError(403, "Forbidden", `${qualifiedResource(def)} "${name ?? ""}" is forbidden: unable to create new content in ` +
    `namespace ${namespace} because it is being terminated`, { name: name ?? "", group: def.group, kind: def.plural,
    causes: [{ reason: "NamespaceTerminating", message: `namespace ${namespace} is being terminated`, field: "metadata.namespace" }] });
}
