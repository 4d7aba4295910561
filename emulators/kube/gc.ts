import { classifyOwners, ownerKey, ownerReferences } from "./gc-owners";
import type { KindDefinition } from "./kinds/types";
import { KubeError, qualifiedResource } from "./status";
import type { KubeStore } from "./store";
import { FOREGROUND, isNamespaceKind, ORPHAN } from "./store-deletion";
import type { KubeObject, WatchEvent } from "./store-types";

/**
 * The garbage collector and namespace deleter of kube-controller-manager, in process: it watches every kind and
 * - deletes a dependent once none of its owners (ownerReferences, matched by uid) is left — at once when an owner
 *   is deleted, after `delayMs` for an object created or changed with owners that do not exist; owners that are gone
 *   are dropped from a dependent that still has another;
 * - for an owner deleted in the foreground (`foregroundDeletion` finalizer) deletes its dependents and removes the
 *   finalizer once no dependent with `blockOwnerDeletion: true` is left; for `orphan`, removes the owner reference
 *   from every dependent, then the finalizer;
 * - for a terminating Namespace deletes everything in it, then removes the `kubernetes` spec finalizer.
 * All state is in the store (deletionTimestamp, finalizers, ownerReferences), so a restart resumes: the watches
 * start with every current object.
 */
export interface GarbageCollector { stop(): void }

const MANAGER = "kube-controller-manager";
const MAX_ATTEMPTS = 8;
const sep = "\u0000";
const keyOf = (def: KindDefinition, namespace: string | undefined, name: string) => `${qualifiedResource(def)}${sep}${namespace ?? ""}${sep}${name}`;

export function startGarbageCollector(store: KubeStore, o: { delayMs?: number } = {}): GarbageCollector {
  const delayMs = o.delayMs ?? 500;
  const dependents = new Map<string, Set<string>>();            // owner uid → dependent keys
  const ownersOf = new Map<string, string[]>();                 // dependent key → owner uids
  const ready = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  const attempts = new Map<string, number>();
  let draining = false;
  let stopped = false;

  function index(key: string, obj: KubeObject | undefined): void {
    for (const uid of ownersOf.get(key) ?? []) {
      const set = dependents.get(uid);
      set?.delete(key);
      if (set?.size === 0) dependents.delete(uid);
    }
    const uids = obj ? ownerReferences(obj).map((r) => r.uid) : [];
    if (uids.length === 0) { ownersOf.delete(key); return; }
    ownersOf.set(key, uids);
    for (const uid of uids) dependents.set(uid, (dependents.get(uid) ?? new Set()).add(key));
  }

  function schedule(key: string, delay = 0): void {
    if (stopped) return;
    if (delay > 0) {
      if (timers.has(key)) return;
      timers.set(key, setTimeout(() => { timers.delete(key); schedule(key); }, delay).unref());
      return;
    }
    ready.add(key);
    void drain();
  }

  function onEvent(def: KindDefinition, e: WatchEvent): void {
    const obj = e.object;
    const key = keyOf(def, obj.metadata.namespace, obj.metadata.name);
    if (e.type === "DELETED") {
      index(key, undefined);
      for (const dep of dependents.get(obj.metadata.uid) ?? []) schedule(dep);
      for (const ref of ownerReferences(obj)) {
        const owner = ownerKey(store, obj, ref, keyOf);
        if (owner) schedule(owner);                           // a foreground owner may be waiting for this one
      }
      const ns = obj.metadata.namespace;
      if (ns && store.get("namespaces", undefined, ns)?.metadata.deletionTimestamp) schedule(keyOf(store.kind("namespaces"), undefined, ns));
      return;
    }
    index(key, obj);
    if (obj.metadata.deletionTimestamp) schedule(key);
    else if (ownerReferences(obj).length > 0) schedule(key, e.type === "ADDED" && !started ? 0 : delayMs);
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (!stopped && ready.size > 0) {
        const key = ready.values().next().value as string;
        ready.delete(key);
        try {
          await process(key);
          attempts.delete(key);
        } catch (err) {
          const n = (attempts.get(key) ?? 0) + 1;
          if (err instanceof KubeError && err.status === 404) continue;
          if (n >= MAX_ATTEMPTS) { attempts.delete(key); console.error(`kube gc: giving up on ${key.split(sep).join("/")}: ${(err as Error).message}`); continue; }
          attempts.set(key, n);
          schedule(key, Math.min(100 * 2 ** n, 5_000));
        }
      }
    } finally {
      draining = false;
    }
  }

  async function process(key: string): Promise<void> {
    const [resource = "", namespace = "", name = ""] = key.split(sep);
    const def = store.kind(resource);
    const ns = namespace || undefined;
    let obj = store.get(def, ns, name);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      await finishDeletion(def, obj);
      obj = store.get(def, ns, name);
      if (!obj) return;
    }
    if (!obj.metadata.deletionTimestamp && ownerReferences(obj).length > 0) await collect(def, obj);
  }

  /** A dependent: deleted when no solid owner is left, else relieved of the owners that are gone or waiting. */
  async function collect(def: KindDefinition, obj: KubeObject): Promise<void> {
    const owners = classifyOwners(store, obj);
    const { uid, namespace, name } = obj.metadata;
    if (owners.solid.length > 0 || owners.unresolved.length > 0) {
      const drop = new Set([...owners.dangling, ...owners.waiting].map((r) => r.uid));
      if (drop.size === 0) return;
      await store.update(def, { ...obj, metadata: { ...obj.metadata,
        ownerReferences: obj.metadata.ownerReferences?.filter((r) => !drop.has(String(r.uid))) } }, { fieldManager: MANAGER });
      return;
    }
    const foreground = owners.waiting.length > 0 && (dependents.get(uid)?.size ?? 0) > 0;
    await store.delete(def, namespace, name, { preconditions: { uid }, ...(foreground ? { propagationPolicy: "Foreground" as const } : {}) });
  }

  async function finishDeletion(def: KindDefinition, obj: KubeObject): Promise<void> {
    const uid = obj.metadata.uid;
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN)) {
      for (const dep of currentDependents(uid)) {
        await store.update(dep.def, { ...dep.obj, metadata: { ...dep.obj.metadata,
          ownerReferences: dep.obj.metadata.ownerReferences?.filter((r) => r.uid !== uid) } }, { fieldManager: MANAGER });
      }
      await removeFinalizer(def, obj, ORPHAN);
    } else if (finalizers.includes(FOREGROUND)) {
      const deps = currentDependents(uid);
      for (const dep of deps) schedule(keyOf(dep.def, dep.obj.metadata.namespace, dep.obj.metadata.name));
      const blocking = deps.filter((d) => ownerReferences(d.obj).some((r) => r.uid === uid && r.blockOwnerDeletion === true));
      if (blocking.length === 0) await removeFinalizer(def, obj, FOREGROUND);
    }
    const current = store.get(def, obj.metadata.namespace, obj.metadata.name);
    if (current && isNamespaceKind(def)) await emptyNamespace(current);
  }

  function currentDependents(uid: string): { def: KindDefinition; obj: KubeObject }[] {
    const out: { def: KindDefinition; obj: KubeObject }[] = [];
    for (const key of dependents.get(uid) ?? []) {
      const [resource = "", namespace = "", name = ""] = key.split(sep);
      const def = store.kind(resource);
      const obj = store.get(def, namespace || undefined, name);
      if (obj && ownerReferences(obj).some((r) => r.uid === uid)) out.push({ def, obj });
    }
    return out;
  }

  async function removeFinalizer(def: KindDefinition, obj: KubeObject, finalizer: string): Promise<void> {
    const current = store.get(def, obj.metadata.namespace, obj.metadata.name);
    if (!current || current.metadata.uid !== obj.metadata.uid) return;
    await store.update(def, { ...current, metadata: { ...current.metadata,
      finalizers: (current.metadata.finalizers ?? []).filter((f) => f !== finalizer) } }, { fieldManager: MANAGER });
  }

  /** The namespace deleter: everything in it goes (objects with finalizers stay until theirs are gone), then it. */
  async function emptyNamespace(ns: KubeObject): Promise<void> {
    const name = ns.metadata.name;
    for (const def of store.kinds.filter((d) => d.namespaced)) {
      for (const obj of store.list(def, { namespace: name }).items) {
        if (obj.metadata.deletionTimestamp) continue;
        await store.delete(def, name, obj.metadata.name, { preconditions: { uid: obj.metadata.uid } }).catch(ignoreNotFound);
      }
    }
    if (store.kinds.some((d) => d.namespaced && store.list(d, { namespace: name, limit: 1 }).items.length > 0)) return;
    const current = store.get("namespaces", undefined, name);
    const spec = current?.spec as { finalizers?: string[] } | undefined;
    if (!current || !spec?.finalizers?.includes("kubernetes")) return;
    await store.update("namespaces", { ...current, spec: { ...spec, finalizers: spec.finalizers.filter((f) => f !== "kubernetes") } },
      { subresource: "finalize", fieldManager: MANAGER });
  }

  let started = false;
  const watches = store.kinds.map((def) => store.watch(def, {}, (e) => onEvent(def, e)));
  started = true;
  return {
    stop() {
      stopped = true;
      for (const w of watches) w.stop();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      ready.clear();
    },
  };
}

function ignoreNotFound(err: unknown): void {
  if (!(err instanceof KubeError && err.status === 404)) throw err;
}
