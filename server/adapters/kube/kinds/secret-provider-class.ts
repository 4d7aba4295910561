import "server-only";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { NewSpcObject } from "@/lib/schemas/spc-object";
import { createKeyedQueue } from "@/server/adapters/kube/conflict-retry";
import type { CustomKind, CustomResources, UpdateOptions } from "@/server/adapters/kube/custom-resources";
import { readAs, remember, wireOf, withAnnotations } from "@/server/adapters/kube/read-objects";
import { parseSpcObjects, SpcObjectConflictError, SpcObjectsFormatError, type SpcObjectList } from "@/server/adapters/kube/spc-objects";
import { record, str, toMetadata, type WireObject } from "@/server/adapters/kube/wire";
import { AppError } from "@/server/errors";

export const SECRET_PROVIDER_CLASS: CustomKind = {
  group: "secrets-store.csi.x-k8s.io", version: "v1", plural: "secretproviderclasses", kind: "SecretProviderClass",
};

export interface SpcObjectsEdit {
  add?: readonly NewSpcObject[];
  /** File names (`objectAlias`, else `objectName`) to remove. */
  remove?: readonly string[];
}

export interface SpcObjectsEditResult {
  secretProviderClass: SecretProviderClass;
  /** File names added, and removed, by this edit (an identical object already listed is not "added"). */
  added: string[];
  removed: string[];
}

/**
 * An edit of a class's objects (and annotations) computed from the class as it is at each attempt: it edits
 * `objects` in place (add/remove, lossless for every other item) and answers the annotations to set (null removes
 * one), or `undefined` to write nothing.
 */
export type SpcObjectsEditFn = (current: SecretProviderClass, objects: SpcObjectList) =>
  { annotations?: Record<string, string | null> } | undefined;

export interface SecretProviderClassesAdapter {
  list(): Promise<SecretProviderClass[]>;
  get(name: string): Promise<SecretProviderClass>;
  /**
   * Adds and removes objects in the class's `objects` parameter and nothing else; every other object and field is
   * kept. Conflict-safe (re-read and re-applied on a concurrent change). Refuses a class whose `objects` it cannot
   * read (409, naming it) rather than overwrite it.
   */
  editObjects(name: string, edit: SpcObjectsEdit, o?: UpdateOptions): Promise<SpcObjectsEditResult>;
  /**
   * Edits objects and annotations starting from a class already read (no read first): the newest copy this
   * adapter has seen of it, which is `current` or a later write of this process. A stale write re-reads and runs
   * `edit` again (bounded). Every other field and object is kept; an unreadable `objects` is refused (409).
   */
  editObjectsFrom(current: SecretProviderClass, edit: SpcObjectsEditFn): Promise<SpcObjectsEditResult>;
}

export function secretProviderClassesAdapter(resources: CustomResources, namespace: string): SecretProviderClassesAdapter {
  // One portal process applies its own edits of a class in turn, so they never conflict with each other.
  const queue = createKeyedQueue();
  // The last copy of each class this process received (read or written): edits queued behind one another start
  // from their predecessor's write instead of a stale read, so they do not all meet a 409 first.
  const newest = new Map<string, WireObject>();
  const view = (o: WireObject) => {
    newest.set(o.metadata.name, o);
    return remember(toSecretProviderClass(o, namespace, { keepList: true }), o);
  };
  return {
    list: async () => (await resources.list()).map(view),
    get: async (name) => view(await resources.get(name)),

    editObjectsFrom: (current, edit) => queue(current.name, async () => {
      const name = current.name;
      const seen = newest.get(name);
      const first = seen && seen.metadata.uid === current.uid ? seen : wireOf(current) ?? await readAs(resources, current);
      let before: string[] = [];
      let after: string[] = [];
      const written = await resources.updateFrom(first, (wire) => {
        const parameters = record(wire.spec?.parameters);
        const list = takeList(wire) ?? parseObjects(name, parameters.objects);
        before = list.objects.map((x) => x.fileName);
        let change;
        try {
          change = edit(toSecretProviderClass(wire, namespace), list);
        } catch (err) {
          if (!(err instanceof SpcObjectConflictError)) throw err;
          throw new AppError("conflict", `SecretProviderClass '${name}': ${err.message}.`, { errors: { add: [err.message] } });
        }
        after = change === undefined ? before : list.objects.map((x) => x.fileName);
        if (change === undefined) return undefined;
        const next = withAnnotations(wire, change.annotations);
        return { ...next, spec: { ...next.spec, parameters: { ...parameters, objects: list.toString() } } };
      });
      newest.set(name, written);
      let shown: SecretProviderClass | undefined;
      return {
        // Made when asked for: the saves only need the write, and reading its objects (YAML, an item at a time) would
        // sit between a save's step 1 and its step 2. The next read of the class shows them anyway.
        get secretProviderClass() {
          return (shown ??= remember(toSecretProviderClass(written, namespace), written));
        },
        added: after.filter((f) => !before.includes(f)),
        removed: before.filter((f) => !after.includes(f)),
      };
    }),

    editObjects: (name, edit, o) => queue(name, async () => {
      const adds = edit.add ?? [];
      const fileNames = adds.map((a) => a.objectAlias ?? a.objectName);
      const twice = fileNames.find((f, i) => fileNames.indexOf(f) !== i);
      if (twice) {
        throw new AppError("bad-request", `'${twice}' is listed twice in one edit.`, { errors: { add: [`'${twice}' is listed twice`] } });
      }
      let added: string[] = [];
      let removed: string[] = [];
      const written = await resources.update(name, (current) => {
        const parameters = record(current.spec?.parameters);
        const list = parseObjects(name, parameters.objects);
        added = [];
        removed = [];
        try {
          for (const a of adds) if (list.add(a)) added.push(a.objectAlias ?? a.objectName);
        } catch (err) {
          if (!(err instanceof SpcObjectConflictError)) throw err;
          throw new AppError("conflict", `SecretProviderClass '${name}': ${err.message}.`,
            { errors: { add: [err.message] } });
        }
        for (const r of edit.remove ?? []) if (list.remove(r)) removed.push(r);
        if (added.length === 0 && removed.length === 0) return undefined;
        return { ...current, spec: { ...current.spec, parameters: { ...parameters, objects: list.toString() } } };
      }, o);
      return { secretProviderClass: view(written), added, removed };
    }),
  };
}

function parseObjects(name: string, objects: unknown) {
  if (objects !== undefined && objects !== null && typeof objects !== "string") {
    throw unreadable(name, "it is not a string");
  }
  try {
    return parseSpcObjects(objects);
  } catch (err) {
    if (err instanceof SpcObjectsFormatError) throw unreadable(name, err.reason);
    throw err;
  }
}

function unreadable(name: string, reason: string): AppError {
  return new AppError("conflict", `SecretProviderClass '${name}' has an objects parameter the portal cannot read ` +
    `(${reason}). Fix it on the cluster first; the portal will not overwrite it.`,
  { upstream: { service: "kubernetes", code: "MalformedObjects" } });
}

/**
 * `objects` as the views show it, by class and text: a save reads the class, writes it, and the next save reads
 * back the very text it wrote; the watch cache sees that text again too. Bounded, oldest out first.
 */
const objectsRead = new Map<string, { objects: SecretProviderClass["objects"]; problem: string | null }>();
const TEXTS_KEPT = 16;

/**
 * The editable list parsed for a view, kept for one edit from that very object: a save's step 1 edits the class
 * its step 0 read, and parsing it again would sit between the two. Taken once (an edit changes it).
 */
const listsParsed = new WeakMap<WireObject, SpcObjectList>();

function takeList(wire: WireObject): SpcObjectList | undefined {
  const list = listsParsed.get(wire);
  listsParsed.delete(wire);
  return list;
}

function readObjects(o: WireObject, keepList: boolean): { objects: SecretProviderClass["objects"]; problem: string | null } {
  const name = o.metadata.name;
  const text = record(o.spec?.parameters).objects;
  const key = typeof text === "string" ? `${name}\u0000${text}` : undefined;
  let read = key === undefined ? undefined : objectsRead.get(key);
  if (!read) {
    try {
      const list = parseObjects(name, text);
      read = { objects: [...list.objects], problem: null };
      if (keepList) listsParsed.set(o, list);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      read = { objects: [], problem: err.detail };
    }
    if (key !== undefined) {
      if (objectsRead.size >= TEXTS_KEPT) objectsRead.delete(objectsRead.keys().next().value!);
      objectsRead.set(key, read);
    }
  }
  return { objects: read.objects.map((x) => ({ ...x })), problem: read.problem };
}

export function toSecretProviderClass(o: WireObject, namespace: string, opts: { keepList?: boolean } = {}): SecretProviderClass {
  const parameters = record(o.spec?.parameters);
  const { objects, problem: objectsProblem } = readObjects(o, opts.keepList === true);
  return {
    ...toMetadata(o.metadata, namespace),
    provider: str(o.spec?.provider),
    keyVaultName: str(parameters.keyvaultName),
    // The provider reads tenantID first and falls back to the deprecated tenantId, which AIO writes.
    tenantId: str(parameters.tenantID) ?? str(parameters.tenantId),
    clientId: str(parameters.clientID),
    objects,
    objectsProblem,
  };
}
