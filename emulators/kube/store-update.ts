import type { KindDefinition } from "./kinds/types";
import { conflict, pathNotFound } from "./status";
import { isNamespaceKind } from "./store-deletion";
import type { KubeObject, ManagedFieldsEntry, UpdateOptions } from "./store-types";

/** 409 Conflict when a precondition (uid, resourceVersion) does not hold, worded as the API server's. */
export function checkPreconditions(def: KindDefinition, prev: KubeObject, p: { uid?: string; resourceVersion?: string }): void {
  const name = prev.metadata.name;
  if (p.uid && p.uid !== prev.metadata.uid) {
    throw conflict(def, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${prev.metadata.uid}`);
  }
  if (p.resourceVersion && p.resourceVersion !== prev.metadata.resourceVersion) throw conflict(def, name);
}

/**
 * What an update would store before the kind's rules run: through `status`, the stored object with the new status;
 * through `finalize` (Namespace), with the new `spec.finalizers`; else the client's object, keeping the stored
 * status (status subresource) and Namespace `spec.finalizers`. Server-set metadata always comes from the stored
 * object (deletionTimestamp is restored by checkDeletingUpdate).
 */
export function updateCandidate(def: KindDefinition, prev: KubeObject, obj: KubeObject, sub: UpdateOptions["subresource"]): KubeObject {
  let next: KubeObject;
  if (sub === "status") next = { ...prev, status: obj.status };
  else if (sub === "finalize") {
    if (!isNamespaceKind(def)) throw pathNotFound();
    next = { ...prev, spec: { ...(prev.spec as object), finalizers: (obj.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [] } };
  } else {
    next = obj;
    if (def.subresources?.status) { if (prev.status === undefined) delete next.status; else next.status = prev.status; }
    // The Namespace strategy: spec.finalizers change only through /finalize.
    if (isNamespaceKind(def)) next.spec = { ...(next.spec as object), finalizers: (prev.spec as { finalizers?: unknown }).finalizers };
  }
  const { uid, creationTimestamp, namespace, managedFields, name } = prev.metadata;
  next.metadata = { ...(sub ? prev.metadata : obj.metadata), name, uid, creationTimestamp,
    ...(namespace !== undefined ? { namespace } : {}), resourceVersion: prev.metadata.resourceVersion };
  delete next.metadata.deletionTimestamp;
  delete next.metadata.deletionGracePeriodSeconds;
  delete next.metadata.managedFields;
  if (managedFields) next.metadata.managedFields = managedFields;
  return next;
}

/**
 * The managedFields an update starts from, as kube-apiserver decides it: those the client sent on the main resource
 * when it sent any (how `kubectl apply --server-side` hands client-side apply's fields over to its own manager),
 * none for the reset marker `[{}]`, else the stored ones. Malformed entries are dropped.
 */
export function requestedManagedFields(prev: KubeObject, obj: KubeObject, sub: UpdateOptions["subresource"]): ManagedFieldsEntry[] | undefined {
  const sent: unknown = obj.metadata.managedFields;
  if (sub || !Array.isArray(sent) || sent.length === 0) return prev.metadata.managedFields;
  if (sent.length === 1 && isMap(sent[0]) && Object.keys(sent[0]).length === 0) return [];
  return sent.filter((e): e is ManagedFieldsEntry => isMap(e) && typeof e.manager === "string" && (e.operation === "Apply" || e.operation === "Update") &&
    typeof e.apiVersion === "string" && isMap(e.fieldsV1)).map((e) => ({
    manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, time: typeof e.time === "string" ? e.time : prev.metadata.creationTimestamp,
    fieldsType: "FieldsV1", fieldsV1: e.fieldsV1, ...(typeof e.subresource === "string" && e.subresource ? { subresource: e.subresource } : {}),
  }));
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
