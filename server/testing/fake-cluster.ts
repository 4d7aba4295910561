import { randomUUID } from "node:crypto";
import { createKubeAdapter, type KubeAdapter } from "@/server/adapters/kube";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import type { WireMetadata, WireObject } from "@/server/adapters/kube/wire";

/**
 * An in-memory API server for custom resources, behind the real kube adapter (its connection is the only fake
 * part), for service tests: resourceVersion and 409 on a stale write, AlreadyExists, delete preconditions,
 * generation on spec changes, status kept on main-resource writes, the creator in managedFields. Tests arrange
 * objects with `put`, change them "as someone else" with `external`, and inject failures with `fail`.
 */
export type Verb = "get" | "list" | "create" | "replace" | "delete";

export interface FakeFault {
  verb: Verb;
  plural: string;
  name?: string;
  status: number;
  reason: string;
  /** Apply the write first, then fail (the connection broke after the server committed). */
  afterCommit?: boolean;
  times?: number;
}

export interface FakeCluster {
  kube: KubeAdapter;
  namespace: string;
  /** Every call, in order: `replace secretsyncs/x`. */
  calls: string[];
  /** Stores an object as it is (metadata filled in); `manager` is its creator. */
  put(plural: string, object: PutObject, manager?: string): WireObject;
  get(plural: string, name: string): WireObject | undefined;
  all(plural: string): WireObject[];
  /** A write by someone else: the stored object after `change` (new resourceVersion). */
  external(plural: string, name: string, change: (o: WireObject) => WireObject): WireObject;
  remove(plural: string, name: string): void;
  fail(fault: FakeFault): void;
  /** Runs before each call is served (after faults are checked): to interleave someone else's writes. */
  beforeCall: ((verb: Verb, plural: string, name: string | undefined) => void | Promise<void>) | null;
}

export interface PutObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string } & Partial<WireMetadata>;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

const PORTAL_MANAGER = "ops-portal";

export function createFakeCluster(o: { namespace?: string; instanceName?: string; defaultSpc?: string | null } = {}): FakeCluster {
  const namespace = o.namespace ?? "azure-iot-operations";
  const instanceName = o.instanceName ?? "aio-test";
  const stores = new Map<string, Map<string, WireObject>>();
  const faults: FakeFault[] = [];
  let rv = 100;
  const store = (plural: string) => {
    if (!stores.has(plural)) stores.set(plural, new Map());
    return stores.get(plural)!;
  };
  const clone = <T>(v: T): T => structuredClone(v);
  const apiError = (status: number, reason: string, message: string) =>
    Object.assign(new Error(message), { code: status, body: JSON.stringify({ kind: "Status", code: status, reason, message }) });
  const notFound = (plural: string, name: string) => apiError(404, "NotFound", `${plural} "${name}" not found`);
  const stale = (plural: string, name: string) => apiError(409, "Conflict",
    `Operation cannot be fulfilled on ${plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`);

  function stamp(prev: WireObject | undefined, next: WireObject, manager: string): WireObject {
    const specChanged = JSON.stringify(prev?.spec ?? null) !== JSON.stringify(next.spec ?? null);
    return { ...next, metadata: { ...next.metadata, namespace,
      uid: prev?.metadata.uid ?? next.metadata.uid ?? randomUUID(),
      resourceVersion: String(++rv),
      generation: prev ? (prev.metadata.generation ?? 1) + (specChanged ? 1 : 0) : 1,
      creationTimestamp: prev?.metadata.creationTimestamp ?? "2026-11-01T00:00:00Z",
      managedFields: prev?.metadata.managedFields ?? [{ manager }] },
    ...(prev?.status !== undefined ? { status: prev.status } : {}) };
  }

  async function serve<T>(verb: Verb, plural: string, name: string | undefined, run: () => T): Promise<T> {
    fake.calls.push(`${verb} ${plural}${name ? `/${name}` : ""}`);
    const at = faults.findIndex((f) => f.verb === verb && f.plural === plural && (f.name === undefined || f.name === name));
    const fault = at >= 0 ? faults[at]! : undefined;
    if (fault && (fault.times = (fault.times ?? 1) - 1) <= 0) faults.splice(at, 1);
    if (fault && !fault.afterCommit) throw apiError(fault.status, fault.reason, `injected ${fault.reason}`);
    await fake.beforeCall?.(verb, plural, name);
    const result = run();
    if (fault?.afterCommit) throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    return clone(result);
  }

  type Args = { plural: string; name?: string; body?: WireObject & { preconditions?: { uid?: string; resourceVersion?: string } } };
  const custom = {
    getNamespacedCustomObject: (a: Args) => serve("get", a.plural, a.name, () => {
      const found = store(a.plural).get(a.name!);
      if (!found) throw notFound(a.plural, a.name!);
      return found;
    }),
    listNamespacedCustomObject: (a: Args) => serve("list", a.plural, undefined, () => ({ items: [...store(a.plural).values()], metadata: {} })),
    createNamespacedCustomObject: (a: Args) => serve("create", a.plural, a.body!.metadata.name, () => {
      const s = store(a.plural);
      if (s.has(a.body!.metadata.name)) {
        throw apiError(409, "AlreadyExists", `${a.plural} "${a.body!.metadata.name}" already exists`);
      }
      const { status: _ignored, ...body } = clone(a.body!);
      const created = stamp(undefined, body as WireObject, PORTAL_MANAGER);
      s.set(created.metadata.name, created);
      return created;
    }),
    replaceNamespacedCustomObject: (a: Args) => serve("replace", a.plural, a.name, () => {
      const s = store(a.plural);
      const prev = s.get(a.name!);
      if (!prev) throw notFound(a.plural, a.name!);
      if (a.body!.metadata.resourceVersion && a.body!.metadata.resourceVersion !== prev.metadata.resourceVersion) throw stale(a.plural, a.name!);
      const next = stamp(prev, clone(a.body!), PORTAL_MANAGER);
      s.set(a.name!, next);
      return next;
    }),
    deleteNamespacedCustomObject: (a: Args) => serve("delete", a.plural, a.name, () => {
      const s = store(a.plural);
      const prev = s.get(a.name!);
      if (!prev) throw notFound(a.plural, a.name!);
      const p = a.body?.preconditions ?? {};
      if ((p.uid && p.uid !== prev.metadata.uid) || (p.resourceVersion && p.resourceVersion !== prev.metadata.resourceVersion)) {
        throw stale(a.plural, a.name!);
      }
      s.delete(a.name!);
      return { kind: "Status", status: "Success" };
    }),
  };
  const connection = { custom, core: undefined, cluster: "cluster 'fake' (https://fake.test)", callOptions: () => ({}) } as unknown as KubeConnection;

  const fake: FakeCluster = {
    kube: createKubeAdapter({ kube: null, instance: { name: instanceName, namespace } },
      { connection, conflictRetry: { baseDelayMs: 1 } }),
    namespace,
    calls: [],
    beforeCall: null,
    put(plural, object, manager = PORTAL_MANAGER) {
      const prev = store(plural).get(object.metadata.name);
      const next = stamp(prev, clone(object) as WireObject, manager);
      if (object.status) next.status = clone(object.status);
      store(plural).set(next.metadata.name, next);
      return clone(next);
    },
    get: (plural, name) => clone(store(plural).get(name)),
    all: (plural) => clone([...store(plural).values()]),
    external(plural, name, change) {
      const prev = store(plural).get(name);
      if (!prev) throw new Error(`no ${plural}/${name}`);
      const next = stamp(prev, change(clone(prev)), "someone-else");
      store(plural).set(name, next);
      return clone(next);
    },
    remove: (plural, name) => void store(plural).delete(name),
    fail: (f) => void faults.push({ ...f }),
  };

  fake.put("instances", { apiVersion: "iotoperations.azure.com/v1", kind: "Instance", metadata: { name: instanceName },
    spec: o.defaultSpc === null ? {} : { defaultSecretProviderClassRef: { resourceId:
      `/subscriptions/s/resourceGroups/rg/providers/Microsoft.SecretSyncController/azureKeyVaultSecretProviderClasses/${o.defaultSpc ?? "spc-ops-test"}` } } });
  return fake;
}
