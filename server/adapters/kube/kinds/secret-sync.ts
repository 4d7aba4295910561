import "server-only";
import type { NewSecretSync, SecretSync, SecretSyncSpec } from "@/lib/schemas/secret-sync";
import type { CustomKind, CustomResources, UpdateFromOptions, UpdateOptions } from "@/server/adapters/kube/custom-resources";
import { retryOnConflict, type ConflictRetryOptions } from "@/server/adapters/kube/conflict-retry";
import { readAs, remember, wireOf, withAnnotations } from "@/server/adapters/kube/read-objects";
import { iso, record, str, stringRecord, toMetadata, type WireObject } from "@/server/adapters/kube/wire";
import { AppError } from "@/server/errors";

export const SECRET_SYNC: CustomKind = {
  group: "secret-sync.x-k8s.io", version: "v1alpha1", plural: "secretsyncs", kind: "SecretSync",
};

/** The recommended Kubernetes label: the portal edits and deletes only the SecretSyncs that carry it. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_PORTAL = "ops-portal";

/** What a write from a SecretSync already read sets: the portal's spec fields, and annotations (null removes one). */
export interface SecretSyncChange {
  spec: SecretSyncSpec;
  annotations?: Record<string, string | null>;
}

export interface SecretSyncsAdapter {
  list(): Promise<SecretSync[]>;
  get(name: string): Promise<SecretSync>;
  /** Creates it with the portal's label (and the annotations given); 409 when the name is taken. */
  create(input: NewSecretSync, o?: { annotations?: Record<string, string> }): Promise<SecretSync>;
  /** Conflict-safe read-modify-write of the fields the portal owns; other spec fields are kept. Portal's only. */
  update(name: string, change: (spec: SecretSyncSpec) => SecretSyncSpec, o?: UpdateOptions): Promise<SecretSync>;
  /**
   * Writes `change` over a SecretSync this adapter read, with its resourceVersion and no read first; a stale write
   * re-reads and re-applies the change to the newer object (bounded), or is refused (409) when `pinned`. The
   * change gets the spec and the object as they are at that attempt; `undefined` writes nothing. Portal's only.
   */
  updateFrom(current: SecretSync, change: (spec: SecretSyncSpec, current: SecretSync) => SecretSyncChange | undefined,
    o?: UpdateFromOptions): Promise<SecretSync>;
  /** Deletes it (its Secret goes with it, by garbage collection). Portal's only. */
  delete(name: string, o?: UpdateOptions): Promise<void>;
  /**
   * Deletes it if it is still the one read (uid + resourceVersion preconditions, no read first): 409 when it
   * changed or was re-created since. Portal's only, unless `anyCreator`: the Secrets page deletes one made by another
   * tool too once its rules allowed it (never a system one; server/services/synced-secret-rules.ts).
   */
  deleteFrom(current: SecretSync, o?: { anyCreator?: boolean }): Promise<void>;
  /**
   * *Sync now*: sets `spec.forceSynchronization` and the annotations given, from a SecretSync read (a stale write
   * re-reads and writes again: the token is new either way). Any creator's: asking for a sync changes no key, so the
   * Secrets page offers it on every synced secret but a system one (the caller's rule, not this adapter's).
   */
  requestSync(current: SecretSync, o: { forceSynchronization: string; annotations: Record<string, string> }): Promise<SecretSync>;
}

export function secretSyncsAdapter(resources: CustomResources, namespace: string,
  retry: ConflictRetryOptions = {}): SecretSyncsAdapter {
  const view = (o: WireObject) => remember(toSecretSync(o, namespace), o);
  return {
    list: async () => (await resources.list()).map(view),
    get: async (name) => view(await resources.get(name)),

    create: async (input, o = {}) => view(await resources.create({
      apiVersion: `${SECRET_SYNC.group}/${SECRET_SYNC.version}`,
      kind: SECRET_SYNC.kind,
      metadata: { name: input.name, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PORTAL },
        ...(o.annotations && Object.keys(o.annotations).length > 0 && { annotations: o.annotations }) },
      spec: writeSpec({ secretSyncControllerName: "" }, input),
    })),

    update: async (name, change, o) => view(await resources.update(name, (current) => {
      mustBeManaged(current, "edit");
      return { ...current, spec: writeSpec(current.spec ?? {}, change(specOf(toSecretSync(current, namespace)))) };
    }, o)),

    async updateFrom(current, change, o) {
      const first = wireOf(current) ?? await readAs(resources, current);
      return view(await resources.updateFrom(first, (wire) => {
        mustBeManaged(wire, "edit");
        const seen = toSecretSync(wire, namespace);
        const next = change(specOf(seen), seen);
        if (next === undefined) return undefined;
        return { ...withAnnotations(wire, next.annotations), spec: writeSpec(wire.spec ?? {}, next.spec) };
      }, o));
    },

    async deleteFrom(current, o = {}) {
      if (!o.anyCreator) mustBeManaged(wireOf(current) ?? { metadata: { name: current.name, labels: current.labels } }, "delete");
      await resources.delete(current.name, { uid: current.uid, resourceVersion: current.resourceVersion });
    },

    async requestSync(current, o) {
      const first = wireOf(current) ?? await readAs(resources, current);
      return view(await resources.updateFrom(first, (wire) => ({
        ...withAnnotations(wire, o.annotations),
        spec: { ...wire.spec, forceSynchronization: o.forceSynchronization },
      })));
    },

    delete: (name, o = {}) => retryOnConflict(`SecretSync '${name}'`, async () => {
      const current = await resources.get(name);
      mustBeManaged(current, "delete");
      const seen = current.metadata.resourceVersion ?? "";
      if (o.ifResourceVersion !== undefined && seen !== o.ifResourceVersion) {
        throw new AppError("conflict", `SecretSync '${name}' was changed by someone else meanwhile; reload it and try again.`,
          { upstream: { service: "kubernetes", code: "Changed" } });
      }
      // Preconditions: if it changed (or was re-created) since the read, the delete fails with 409 and is retried.
      await resources.delete(name, { uid: current.metadata.uid ?? "", resourceVersion: seen });
    }, retry),
  };
}

/**
 * The SecretSync as stored, for showing as YAML: without status, managedFields and the server's bookkeeping
 * (uid, resourceVersion, generation, creationTimestamp) and without `last-applied-configuration` (a copy of it).
 * A SecretSync holds names only, never a value.
 */
export function secretSyncManifest(view: SecretSync): Record<string, unknown> {
  const wire = wireOf(view);
  const m = wire?.metadata ?? { name: view.name, namespace: view.namespace, labels: view.labels, annotations: view.annotations };
  const annotations = Object.fromEntries(Object.entries(m.annotations ?? {})
    .filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration"));
  return {
    apiVersion: `${SECRET_SYNC.group}/${SECRET_SYNC.version}`,
    kind: SECRET_SYNC.kind,
    metadata: { name: m.name, namespace: m.namespace ?? view.namespace,
      ...(m.labels && Object.keys(m.labels).length > 0 && { labels: m.labels }),
      ...(Object.keys(annotations).length > 0 && { annotations }) },
    spec: wire?.spec ?? specOf(view),
  };
}

/** The editable part of a SecretSync, as `update`'s change function gets it. */
export function specOf(s: SecretSync): SecretSyncSpec {
  return {
    secretProviderClassName: s.secretProviderClassName,
    serviceAccountName: s.serviceAccountName,
    secretType: s.secretType,
    data: s.data.map((m) => ({ ...m })),
    ...(s.forceSynchronization !== null && { forceSynchronization: s.forceSynchronization }),
    secretLabels: { ...s.secretLabels },
    secretAnnotations: { ...s.secretAnnotations },
  };
}

function mustBeManaged(o: WireObject, action: "edit" | "delete"): void {
  if (o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_PORTAL) return;
  throw new AppError("forbidden", `SecretSync '${o.metadata.name}' was not created by the portal, so the portal does ` +
    `not ${action} it (it lacks the label ${MANAGED_BY_LABEL}=${MANAGED_BY_PORTAL}).`);
}

/** Our fields onto the wire spec, keeping fields the portal does not know (e.g. secretSyncControllerName). */
function writeSpec(spec: Record<string, unknown>, s: SecretSyncSpec): Record<string, unknown> {
  const secretObject: Record<string, unknown> = { ...record(spec.secretObject), type: s.secretType,
    data: s.data.map((m) => ({ sourcePath: m.sourcePath, targetKey: m.targetKey })) };
  setOrDelete(secretObject, "labels", s.secretLabels && Object.keys(s.secretLabels).length > 0 ? s.secretLabels : undefined);
  setOrDelete(secretObject, "annotations",
    s.secretAnnotations && Object.keys(s.secretAnnotations).length > 0 ? s.secretAnnotations : undefined);
  const next: Record<string, unknown> = { ...spec, secretProviderClassName: s.secretProviderClassName,
    serviceAccountName: s.serviceAccountName, secretObject };
  setOrDelete(next, "forceSynchronization", s.forceSynchronization);
  return next;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

export function toSecretSync(o: WireObject, namespace: string): SecretSync {
  const spec = record(o.spec);
  const secretObject = record(spec.secretObject);
  const status = record(o.status);
  const data = Array.isArray(secretObject.data) ? secretObject.data.map(record) : [];
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(record) : [];
  return {
    ...toMetadata(o.metadata, namespace),
    managedByPortal: o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_PORTAL,
    secretProviderClassName: str(spec.secretProviderClassName) ?? "",
    serviceAccountName: str(spec.serviceAccountName) ?? "",
    secretType: str(secretObject.type) ?? "Opaque",
    data: data.map((m) => ({ sourcePath: str(m.sourcePath) ?? "", targetKey: str(m.targetKey) ?? "" })),
    forceSynchronization: str(spec.forceSynchronization),
    secretLabels: stringRecord(secretObject.labels),
    secretAnnotations: stringRecord(secretObject.annotations),
    status: {
      syncHash: str(status.syncHash),
      lastSuccessfulSyncTime: iso(status.lastSuccessfulSyncTime),
      conditions: conditions.map((c) => ({
        type: str(c.type) ?? "",
        status: str(c.status) ?? "Unknown",
        reason: str(c.reason),
        message: str(c.message),
        lastTransitionTime: iso(c.lastTransitionTime),
        observedGeneration: typeof c.observedGeneration === "number" ? c.observedGeneration : null,
      })),
    },
  };
}
