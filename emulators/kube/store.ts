import { randomInt, randomUUID } from "node:crypto";
import { Journal } from "../shared/journal";
import type { KindDefinition } from "./kinds/types";
import { serverSideApply } from "./patch/server-side-apply";
import { alreadyExists, badRequest, KubeError, notFound, qualifiedResource } from "./status";
import {
  checkDeletingUpdate, deletionFinalizers, hasFinalizers, isNamespaceKind, markedForDeletion, namespaceTerminating,
  namespaceTerminatingForbidden,
} from "./store-deletion";
import { EventLog, type StoredEvent } from "./store-events";
import { listObjects } from "./store-list";
import { sameOwnership, settleManagedFields, updateManagedFields } from "./store-managed-fields";
import { admitAndValidate, canonical, nowTimestamp, prepareInput, sameContent, specChanged } from "./store-prepare";
import { checkPreconditions, requestedManagedFields, updateCandidate } from "./store-update";
import type {
  ApplyOptions, DeleteOptions, KindRef, KubeObject, ListOptions, ListResult, UpdateOptions, WatchEvent, WatchOptions,
  WriteOptions,
} from "./store-types";
import { watchFilter } from "./store-watch";

export type * from "./store-types";

type Op = { t: "put"; r: string; o: KubeObject } | { t: "del"; r: string; k: string; rv: number };
interface Snapshot { rv: number; objects: Record<string, KubeObject[]> }

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;
const SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";        // apimachinery's generateName alphabet

/**
 * The Kubernetes stand-in's objects: in memory per resource, every write validated, given the next
 * resourceVersion (one counter for all kinds) and made durable through the journal before it resolves; committed
 * changes feed the watch window. docs/architecture.md "Kubernetes stand-in" has the contract.
 */
export class KubeStore {
  private readonly defs = new Map<string, KindDefinition>();
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private rv = 0;
  private events!: EventLog;
  private journal!: Journal<Snapshot, Op>;

  static async open(o: { dir: string; kinds: readonly KindDefinition[]; eventWindow?: number; compactAfterLines?: number }): Promise<KubeStore> {
    const store = new KubeStore();
    for (const def of o.kinds) store.defs.set(qualifiedResource(def), def);
    store.journal = await Journal.open<Snapshot, Op>({
      dir: o.dir, label: "kube", compactAfterLines: o.compactAfterLines ?? 20_000,
      restore: (s) => {
        store.objects.clear();
        store.rv = s?.rv ?? 0;
        for (const [r, items] of Object.entries(s?.objects ?? {})) for (const obj of items) store.applyOp({ t: "put", r, o: obj });
      },
      replay: (op) => store.applyOp(op),
      capture: () => ({ rv: store.rv, objects: Object.fromEntries([...store.objects].map(([r, m]) => [r, [...m.values()]])) }),
    });
    store.events = new EventLog(o.eventWindow ?? 10_000, store.rv);
    return store;
  }

  /** The latest resourceVersion (of any kind). */
  get resourceVersion(): string { return String(this.rv); }

  /** The newest resourceVersion whose change is on disk and delivered to watchers. */
  get durableResourceVersion(): string { return String(this.events.newestRv); }

  /** Oldest resourceVersion a watch may resume from. */
  get oldestResourceVersion(): string { return String(this.events.oldestRv); }

  get kinds(): KindDefinition[] { return [...this.defs.values()]; }

  kind(ref: KindRef): KindDefinition {
    const def = typeof ref === "string" ? this.defs.get(ref) : ref;
    if (!def) throw new KubeError(404, "NotFound", `the server doesn't have a resource type "${String(ref)}"`, {});
    return def;
  }

  get(kind: KindRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const def = this.kind(kind);
    return this.objects.get(qualifiedResource(def))?.get(keyOf(def.namespaced ? namespace : undefined, name));
  }

  mustGet(kind: KindRef, namespace: string | undefined, name: string): KubeObject {
    const obj = this.get(kind, namespace, name);
    if (!obj) throw notFound(this.kind(kind), name);
    return obj;
  }

  list(kind: KindRef, o: ListOptions = {}): ListResult {
    const def = this.kind(kind);
    const resource = qualifiedResource(def);
    return listObjects(def, { keys: this.keys(resource), objects: this.objects.get(resource), resourceVersion: this.rv,
      oldestRv: this.events.oldestRv }, o);
  }

  async create(kind: KindRef, input: unknown, o: WriteOptions = {}): Promise<KubeObject> {
    const def = this.kind(kind);
    const obj = prepareInput(def, input, o);
    const meta = obj.metadata;
    if (def.namespaced) {
      if (!meta.namespace) throw badRequest("the namespace of the provided object must be set for a namespaced kind");
      const ns = this.get("namespaces", undefined, meta.namespace);
      if (!ns) throw new KubeError(404, "NotFound", `namespaces "${meta.namespace}" not found`, { name: meta.namespace, kind: "namespaces" });
      if (ns.metadata.deletionTimestamp) throw namespaceTerminatingForbidden(def, meta.name ?? meta.generateName, meta.namespace);
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = this.generatedName(def, meta.namespace, meta.generateName);
    if (def.subresources?.status) delete obj.status;
    for (const f of ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"]) delete meta[f];
    const submitted = o.managedFields ? structuredClone(obj) : undefined;
    admitAndValidate(def, obj, undefined, o);
    if (this.get(def, meta.namespace, meta.name)) throw alreadyExists(def, meta.name);
    const now = nowTimestamp();
    meta.uid = randomUUID();
    meta.creationTimestamp = now;
    if (def.group !== "") meta.generation = 1;                    // built-in kinds without spec carry none
    const managed = o.managedFields ? settleManagedFields(def, o.managedFields, obj, submitted)
      : updateManagedFields(def, undefined, obj, o.fieldManager ?? "unknown", undefined, now);
    if (managed) meta.managedFields = managed;
    if (o.dryRun) return canonical(obj);
    meta.resourceVersion = String(++this.rv);
    const stored = canonical(obj);
    await this.commit({ t: "put", r: qualifiedResource(def), o: stored }, "ADDED");
    return stored;
  }

  async update(kind: KindRef, input: unknown, o: UpdateOptions = {}): Promise<KubeObject> {
    const def = this.kind(kind);
    const obj = prepareInput(def, input, o);
    const name = obj.metadata.name ?? "";
    const prev = this.get(def, obj.metadata.namespace, name);
    if (!prev) throw notFound(def, name);
    checkPreconditions(def, prev, { uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion });
    const sub = o.subresource;
    const base = requestedManagedFields(prev, obj, sub);
    const next = updateCandidate(def, prev, obj, sub);
    const { generation } = prev.metadata;
    checkDeletingUpdate(def, prev, next);
    const submitted = o.managedFields ? structuredClone(next) : undefined;
    admitAndValidate(def, next, prev, o);
    if (generation !== undefined) next.metadata.generation = specChanged(def, prev, next) ? generation + 1 : generation;
    const managed = o.managedFields ? settleManagedFields(def, o.managedFields, next, submitted)
      : updateManagedFields(def, { ...prev, metadata: { ...prev.metadata, managedFields: base } }, next, o.fieldManager ?? "unknown", sub, nowTimestamp());
    if (managed) next.metadata.managedFields = managed; else delete next.metadata.managedFields;
    if (sameContent(prev, next) && sameOwnership(prev.metadata.managedFields, managed)) return prev;
    const finished = next.metadata.deletionTimestamp !== undefined && !hasFinalizers(def, next);
    if (o.dryRun) return canonical(next);
    next.metadata.resourceVersion = String(++this.rv);
    const stored = canonical(next);
    const written = this.commit({ t: "put", r: qualifiedResource(def), o: stored }, "MODIFIED", prev);
    // The last finalizer gone: removed at once (watchers see MODIFIED, then DELETED), as the registry does.
    await Promise.all([written, ...(finished ? [this.remove(def, stored)] : [])]);
    return stored;
  }

  /**
   * Server-side apply of `config` (see patch/server-side-apply.ts): creates the object when it does not exist
   * (`created: true`, the HTTP layer answers 201). 409 Conflict names the fields other managers own, unless forced.
   */
  async apply(kind: KindRef, config: unknown, o: ApplyOptions): Promise<{ object: KubeObject; created: boolean }> {
    const def = this.kind(kind);
    const applied = prepareInput(def, config, o);
    if (applied.metadata.managedFields !== undefined) throw badRequest("metadata.managedFields must be nil");
    const name = applied.metadata.name ?? "";
    const live = this.get(def, applied.metadata.namespace, name);
    if (!live && o.subresource) throw notFound(def, name);
    const { object, managedFields } = serverSideApply({ def, live, applied, manager: o.fieldManager, force: o.force === true,
      ...(o.subresource ? { subresource: o.subresource } : {}), now: nowTimestamp() });
    const write = { ...o, managedFields };
    if (!live) return { object: await this.create(def, object, write), created: true };
    object.metadata.resourceVersion = applied.metadata.resourceVersion ?? live.metadata.resourceVersion;
    return { object: await this.update(def, object, write), created: false };
  }

  /**
   * DELETE: removes the object at once, or, when finalizers (its own, or those `propagationPolicy` Foreground/Orphan
   * adds) hold it back, marks it with `deletionTimestamp` and returns it still stored; the garbage collector and
   * whoever owns the finalizers finish the job.
   */
  async delete(kind: KindRef, namespace: string | undefined, name: string, o: DeleteOptions = {}): Promise<KubeObject> {
    const def = this.kind(kind);
    const prev = this.mustGet(def, namespace, name);
    checkPreconditions(def, prev, o.preconditions ?? {});
    const next = markedForDeletion(def, prev, deletionFinalizers(prev.metadata.finalizers, o.propagationPolicy), nowTimestamp());
    if (!hasFinalizers(def, next)) return o.dryRun ? prev : this.remove(def, prev);
    if (prev.metadata.deletionTimestamp && sameContent(prev, next)) {
      if (isNamespaceKind(def)) throw namespaceTerminating(def, name);
      return prev;
    }
    if (o.dryRun) return canonical(next);
    next.metadata.resourceVersion = String(++this.rv);
    const stored = canonical(next);
    await this.commit({ t: "put", r: qualifiedResource(def), o: stored }, "MODIFIED", prev);
    return stored;
  }

  /**
   * Calls `onEvent` for each change of the kind that passes the filters: first the replay (ADDED for current objects
   * without a resourceVersion, else the retained events after it), then live events. 410 Expired when the version
   * is older than the window.
   */
  watch(kind: KindRef, o: WatchOptions, onEvent: (e: WatchEvent) => void): { stop(): void } {
    const def = this.kind(kind);
    const resource = qualifiedResource(def);
    const filter = watchFilter(def, o);
    const requested = o.resourceVersion && o.resourceVersion !== "0" ? parseVersion(o.resourceVersion) : undefined;
    if (requested !== undefined && requested < this.events.oldestRv) {
      throw new KubeError(410, "Expired", `too old resource version: ${requested} (${this.events.oldestRv})`);
    }
    let seen = requested ?? this.rv;
    const deliver = (e: StoredEvent) => {
      if (e.rv <= seen) return;                              // already in the replay (or in the listed state)
      seen = e.rv;
      const out = filter(e);
      if (out) onEvent(out);
    };
    if (requested === undefined) {
      const { items } = this.list(def, { namespace: o.namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector });
      for (const object of items) onEvent({ type: "ADDED", object });
    } else {
      seen = -1;
      for (const e of this.events.since(resource, requested)) deliver(e);
      seen = Math.max(seen, requested);
    }
    const stop = this.events.subscribe(resource, deliver);
    return { stop };
  }

  close(): Promise<void> { return this.journal.close(); }

  /** Removes a stored object now (its DELETED event carries the deletion's resourceVersion). */
  private async remove(def: KindDefinition, prev: KubeObject): Promise<KubeObject> {
    const rv = ++this.rv;
    const gone: KubeObject = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rv) } };
    await this.commit({ t: "del", r: qualifiedResource(def), k: keyOf(prev.metadata.namespace, prev.metadata.name), rv }, "DELETED", prev, gone);
    return gone;
  }

  private generatedName(def: KindDefinition, namespace: string | undefined, prefix: string): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const suffix = Array.from({ length: 5 }, () => SUFFIX_CHARS[randomInt(SUFFIX_CHARS.length)]).join("");
      const name = `${prefix.slice(0, 58)}${suffix}`;
      if (!this.get(def, namespace, name)) return name;
    }
    throw alreadyExists(def, `${prefix}*`);
  }

  private commit(op: Op, type: StoredEvent["type"], prev?: KubeObject, deleted?: KubeObject): Promise<void> {
    this.applyOp(op);
    const object = op.t === "put" ? op.o : deleted as KubeObject;
    const rv = op.t === "put" ? Number(op.o.metadata.resourceVersion) : op.rv;
    return this.journal.append(op).then(() => this.events.push({ type, rv, resource: op.r, object, ...(prev ? { prev } : {}) }));
  }

  private applyOp(op: Op): void {
    let map = this.objects.get(op.r);
    if (!map) { map = new Map(); this.objects.set(op.r, map); }
    if (op.t === "put") {
      const key = keyOf(op.o.metadata.namespace, op.o.metadata.name);
      if (!map.has(key)) this.sortedKeys.delete(op.r);
      map.set(key, op.o);
      this.rv = Math.max(this.rv, Number(op.o.metadata.resourceVersion) || 0);
    } else {
      if (map.delete(op.k)) this.sortedKeys.delete(op.r);
      this.rv = Math.max(this.rv, op.rv);
    }
  }

  private keys(resource: string): string[] {
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...(this.objects.get(resource)?.keys() ?? [])].sort();
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }
}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`invalid resource version: ${text}`);
  return Number(text);
}
