import type { JsonSchema } from "./types";

/**
 * Schema pieces every kind repeats: type meta, ObjectMeta, string maps, metav1.Condition. Descriptions are ours,
 * written for `kubectl explain`; shapes follow the Kubernetes API (meta/v1) and the CRDs we stand in for.
 */

/** Verbs of a CRD-backed (or ordinary built-in) resource, as kube-apiserver advertises them. */
export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] as const;

export const DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

export function str(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "string", description, ...extra };
}

export function int(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "integer", format: "int64", description, ...extra };
}

export function bool(description: string): JsonSchema {
  return { type: "boolean", description };
}

export function stringMap(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "object", description, additionalProperties: { type: "string" }, ...extra };
}

export function obj(description: string, properties: Record<string, JsonSchema>, required?: string[]): JsonSchema {
  return { type: "object", description, properties, ...(required ? { required } : {}) };
}

export function arrayOf(description: string, items: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: "array", description, items, ...extra };
}

const ownerReference = obj("A reference to an object this one depends on; deleting the owner garbage-collects this one.", {
  apiVersion: str("API version of the owner."),
  kind: str("Kind of the owner."),
  name: str("Name of the owner."),
  uid: str("UID of the owner: garbage collection matches by uid, so a recreated owner does not adopt."),
  controller: bool("True if the owner is the managing controller."),
  blockOwnerDeletion: bool("With foreground deletion, the owner is not removed until this dependent is."),
}, ["apiVersion", "kind", "name", "uid"]);

const managedFieldsEntry = obj("Which field manager owns which fields (server-side apply bookkeeping).", {
  manager: str("Name of the field manager, e.g. kubectl-client-side-apply."),
  operation: str("Apply or Update."),
  apiVersion: str("API version of the fields below."),
  time: str("When these fields were last written.", { format: "date-time" }),
  fieldsType: str("Format of fieldsV1; always FieldsV1."),
  fieldsV1: { type: "object", description: "The set of owned fields.", "x-kubernetes-preserve-unknown-fields": true },
  subresource: str("Subresource written through, e.g. status; empty for the main resource."),
});

/** metav1.ObjectMeta: every field a client may send or read. The server validates names, labels and so on itself. */
export const objectMeta: JsonSchema = obj("Standard object metadata: name, namespace, labels, resourceVersion, …", {
  name: str("Unique within a namespace (or the cluster, for cluster-scoped kinds). Cannot be updated."),
  generateName: str("Prefix for a server-generated name, used when name is empty."),
  namespace: str("Namespace of the object; empty for cluster-scoped kinds."),
  selfLink: str("Deprecated; never set."),
  uid: str("Unique id, set by the server on create, never reused."),
  resourceVersion: str("Opaque version of this object, changed by every write; send it back to update optimistically."),
  generation: int("Sequence number of the desired state (spec), set by the server."),
  creationTimestamp: str("When the object was created (RFC 3339, seconds).", { format: "date-time" }),
  deletionTimestamp: str("When deletion was requested; the object stays until its finalizers are gone.", { format: "date-time" }),
  deletionGracePeriodSeconds: int("Seconds allowed for graceful termination."),
  labels: stringMap("Key/value pairs for selection (label selectors)."),
  annotations: stringMap("Key/value pairs for tools; not used for selection."),
  ownerReferences: arrayOf("Objects this one depends on.", ownerReference, {
    "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["uid"],
  }),
  finalizers: arrayOf("Must be empty before the object is removed from storage.", { type: "string" }, {
    "x-kubernetes-list-type": "set",
  }),
  managedFields: arrayOf("Field ownership for server-side apply.", managedFieldsEntry),
});

export const apiVersionField = str(
  "The versioned schema of this representation of an object, e.g. v1 or secret-sync.x-k8s.io/v1alpha1.");
export const kindField = str("The REST resource this object represents, in CamelCase, e.g. SecretSync.");

/** A top-level object schema: apiVersion, kind, metadata, then the kind's own fields. */
export function rootSchema(description: string, fields: Record<string, JsonSchema>, required?: string[]): JsonSchema {
  return obj(description, { apiVersion: apiVersionField, kind: kindField, metadata: objectMeta, ...fields }, required);
}

/** metav1.Condition, with the bounds controller-gen writes into CRDs. */
export const conditionSchema: JsonSchema = obj("One aspect of the object's current state.", {
  type: str("Type of condition in CamelCase or in foo.example.com/CamelCase.", {
    maxLength: 316,
    pattern: "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
  }),
  status: str("True, False or Unknown.", { enum: ["True", "False", "Unknown"] }),
  observedGeneration: int("The metadata.generation this condition was computed from.", { minimum: 0 }),
  lastTransitionTime: str("When the condition last changed status.", { format: "date-time" }),
  reason: str("Programmatic CamelCase identifier of the last transition's cause.", {
    minLength: 1, maxLength: 1024, pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
  }),
  message: str("Human-readable detail of the transition; may be empty.", { maxLength: 32768 }),
}, ["lastTransitionTime", "message", "reason", "status", "type"]);

export function conditionsSchema(description: string): JsonSchema {
  return arrayOf(description, conditionSchema, {
    maxItems: 16, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
  });
}

/** `{resourceId}`: how ARM resources point at each other; the stand-in keeps the ARM id as given. */
export function armRef(description: string): JsonSchema {
  return obj(description, { resourceId: str("ARM resource id of the referenced resource.", { minLength: 1 }) }, ["resourceId"]);
}

/** Number of keys of a map field, for printer columns like Secret's DATA. */
export function countKeys(value: unknown): number {
  return value && typeof value === "object" ? Object.keys(value).length : 0;
}
