import type { KindDefinition } from "./kinds/types";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: Record<string, unknown>[];
  managedFields?: ManagedFieldsEntry[];
  [field: string]: unknown;
}

/** A stored object: plain JSON, never modified in place (every write stores a new object). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Update" | "Apply";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: FieldSet;
  subresource?: string;
}

/** The FieldsV1 trie: `{"f:spec": {"f:provider": {}}}`; `{}` marks a field owned as a whole. */
export type FieldSet = { [key: string]: FieldSet };

/** A KindDefinition or its resource name: `"secrets"` (core), `"secretsyncs.secret-sync.x-k8s.io"`. */
export type KindRef = KindDefinition | string;

export interface WriteOptions {
  /** Recorded in managedFields; defaults to "unknown" (the HTTP layer passes the user agent's program name). */
  fieldManager?: string;
  /** Unknown fields: Strict → 400, Warn (default) → pruned with a warning, Ignore → pruned silently. */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /** Validate and answer as if written, without storing (dryRun=All). */
  dryRun?: boolean;
  /** Receives `unknown field "spec.x"` and similar warnings (sent as `Warning: 299 - "…"` headers). */
  warnings?: string[];
  /**
   * Server-side apply only (set by KubeStore.apply): the managedFields the apply computed, stored as given once cut
   * to the fields the written object has, instead of an `Update` entry for fieldManager.
   */
  managedFields?: ManagedFieldsEntry[];
}

export interface UpdateOptions extends WriteOptions {
  /** `finalize`: Namespace only, writes `spec.finalizers` alone (as PUT …/namespaces/x/finalize). */
  subresource?: "status" | "finalize";
}

export interface ApplyOptions extends Omit<WriteOptions, "managedFields" | "fieldManager"> {
  /** Required: the applier who will own the applied fields. */
  fieldManager: string;
  /** Take ownership of fields other managers own instead of failing with 409 Conflict. */
  force?: boolean;
  subresource?: "status";
}

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  /** Unset: Background, keeping GC finalizers an earlier DELETE set. */
  propagationPolicy?: PropagationPolicy;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continue?: string | null;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  /** Unset or "0": ADDED for every current object, then live events; else the events after that version. */
  resourceVersion?: string | null;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export interface WatchEvent { type: WatchEventType; object: KubeObject }
