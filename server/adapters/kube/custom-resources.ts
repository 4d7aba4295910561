import "server-only";
import type { KubeConnection } from "@/server/adapters/kube/connection";
import { retryOnConflict, type ConflictRetryOptions } from "@/server/adapters/kube/conflict-retry";
import { mapKubeError, type KubeOperation } from "@/server/adapters/kube/errors";
import { LIST_PAGE_SIZE, listAllPages } from "@/server/adapters/kube/paging";
import { mappedCall } from "@/server/adapters/mapped-call";
import type { WireObject } from "@/server/adapters/kube/wire";

/** A custom resource kind as the API serves it (group/version/plural) and as messages name it (kind). */
export interface CustomKind {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

export interface UpdateOptions {
  /** The version the caller last saw: a write over a newer one is refused (409) instead of retried. */
  ifResourceVersion?: string;
}

export interface UpdateFromOptions {
  /** The change applies to the object as read and to no newer one: a stale write is refused (409), not retried. */
  pinned?: boolean;
}

/** One kind in one namespace: CRUD on plain JSON, paged lists, read-modify-write. Errors are AppErrors. */
export interface CustomResources {
  /** Every object (pages of {@link LIST_PAGE_SIZE}: one request per page, none per object). */
  list(o?: { labelSelector?: string }): Promise<WireObject[]>;
  get(name: string): Promise<WireObject>;
  create(object: WireObject): Promise<WireObject>;
  /**
   * Reads the object, lets `change` return the new one (or `undefined` for "nothing to do"), writes it with the
   * resourceVersion it read; on a stale write, re-reads and applies `change` again (bounded).
   */
  update(name: string, change: (current: WireObject) => WireObject | undefined, o?: UpdateOptions): Promise<WireObject>;
  /**
   * As `update`, from an object the caller has just read: the first write carries its resourceVersion with no read
   * before it; only a stale write (409) re-reads and applies `change` again (bounded), unless `pinned`.
   */
  updateFrom(current: WireObject, change: (current: WireObject) => WireObject | undefined,
    o?: UpdateFromOptions): Promise<WireObject>;
  /** Deletes the object if it is still the one read (uid + resourceVersion preconditions). */
  delete(name: string, preconditions: { uid: string; resourceVersion: string }): Promise<void>;
}

export interface CustomResourcesOptions {
  retry?: ConflictRetryOptions;
  /** Objects per list request (default {@link LIST_PAGE_SIZE}). */
  pageSize?: number;
  /**
   * `Strict`: creates and replaces ask the API server to refuse unknown fields (400 naming each) instead of
   * dropping them with a warning, so a misspelled field is an error, not a silent loss.
   */
  fieldValidation?: "Strict";
}

export function customResources(conn: KubeConnection, kind: CustomKind, namespace: string,
  o: CustomResourcesOptions = {}): CustomResources {
  const { retry = {}, pageSize = LIST_PAGE_SIZE } = o;
  const base = { group: kind.group, version: kind.version, namespace, plural: kind.plural };
  const writeOptions = o.fieldValidation ? { fieldValidation: o.fieldValidation } : {};
  const resource = `${kind.plural}.${kind.group}`;

  const call = mappedCall<KubeOperation>((err, operation, name) =>
    mapKubeError(err, { operation, kind: kind.kind, resource, namespace, name, cluster: conn.cluster }));

  const get = (name: string) =>
    call("get", name, async () => (await conn.custom.getNamespacedCustomObject({ ...base, name }, conn.callOptions())) as WireObject);

  const replace = (object: WireObject) => call("update", object.metadata.name, async () =>
    (await conn.custom.replaceNamespacedCustomObject({ ...base, name: object.metadata.name, body: object, ...writeOptions },
      conn.callOptions())) as WireObject);

  function writeChange(current: WireObject, change: (current: WireObject) => WireObject | undefined): Promise<WireObject> {
    const next = change(current);
    if (next === undefined) return Promise.resolve(current);
    return replace({ ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } });
  }

  return {
    list: (filter = {}) => call("list", undefined, () => listAllPages(kind.kind, conn.cluster, async (token) => {
      const page = (await conn.custom.listNamespacedCustomObject({ ...base, labelSelector: filter.labelSelector,
        limit: pageSize, _continue: token }, conn.callOptions())) as { items?: WireObject[]; metadata?: { continue?: string } };
      return { items: page.items ?? [], next: page.metadata?.continue };
    })),

    get,

    create: (object) => call("create", object.metadata.name, async () =>
      (await conn.custom.createNamespacedCustomObject({ ...base, body: object, ...writeOptions }, conn.callOptions())) as WireObject),

    async update(name, change, pin = {}) {
      const once = async () => {
        const current = await get(name);
        if (pin.ifResourceVersion !== undefined && current.metadata.resourceVersion !== pin.ifResourceVersion) {
          throw mapKubeError({ code: 409, body: { reason: "Conflict" } },
            { operation: "update", kind: kind.kind, resource, namespace, name, cluster: conn.cluster });
        }
        return writeChange(current, change);
      };
      // A pinned version means "my edit applies to what I saw": re-applying it to a newer object would be wrong.
      if (pin.ifResourceVersion !== undefined) return once();
      return retryOnConflict(`${kind.kind} '${name}'`, once, retry);
    },

    async updateFrom(first, change, o = {}) {
      const name = first.metadata.name;
      let read: WireObject | undefined = first;
      const once = async () => {
        const current = read ?? await get(name);
        read = undefined;                       // a further attempt follows a stale write: it reads afresh
        return writeChange(current, change);
      };
      if (o.pinned) return once();
      return retryOnConflict(`${kind.kind} '${name}'`, once, retry);
    },

    delete: (name, preconditions) => call("delete", name, async () => {
      await conn.custom.deleteNamespacedCustomObject({ ...base, name, propagationPolicy: "Background",
        body: { preconditions } }, conn.callOptions());
    }),
  };
}
