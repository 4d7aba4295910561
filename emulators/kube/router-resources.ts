import type { IncomingMessage, ServerResponse } from "node:http";
import type { KindDefinition } from "./kinds/types";
import { isApplyPatch, patchFunction } from "./patch";
import type { ResourceTarget } from "./router";
import { deleteOptions, writeOptions, type ParsedDeleteOptions } from "./router-options";
import { badRequest, methodNotAllowed, pathNotFound } from "./status";
import type { KubeStore } from "./store";
import { hasFinalizers, isNamespaceKind } from "./store-deletion";
import { apiVersionOf } from "./store-prepare";
import type { KubeObject } from "./store-types";
import { serveWatch } from "./watch-stream";

export type TableFunction = (kind: KindDefinition, objects: readonly KubeObject[], o: {
  resourceVersion: string; continue?: string; remainingItemCount?: number; includeObject: "None" | "Metadata" | "Object";
}) => unknown;

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  query: URLSearchParams;
  target: ResourceTarget;
  store: KubeStore;
  table?: TableFunction;
  bookmarkIntervalMs: number;
  readJson(): Promise<unknown>;
  send(status: number, body: unknown, headers?: Record<string, string | string[]>): void;
}

const isWatch = (q: URLSearchParams) => q.get("watch") === "true" || q.get("watch") === "1";

const warningHeaders = (warnings: string[]) =>
  warnings.length > 0 ? { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`) } : undefined;

/** kubectl asks for `application/json;as=Table;…` to print; answer a Table when a table function is injected. */
function tableOf(r: ResourceRequest): TableFunction | undefined {
  return r.table && /(^|[;,\s])as=Table/.test(String(r.req.headers.accept ?? "")) ? r.table : undefined;
}

function includeObject(q: URLSearchParams): "None" | "Metadata" | "Object" {
  const v = q.get("includeObject");
  return v === "None" || v === "Object" ? v : "Metadata";
}

/** The body's namespace and name must agree with the URL's (filled in when absent, as kubectl expects). */
function placeBody(r: ResourceRequest, body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("Object 'Kind' is missing in the request body");
  const obj = body as { metadata?: Record<string, unknown> };
  const meta = (obj.metadata ??= {});
  if (typeof meta !== "object") throw badRequest("metadata must be an object");
  const { def, namespace, name } = r.target;
  if (def.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== "" && meta.namespace !== namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.namespace = namespace;
  }
  if (name !== undefined) {
    if (meta.name !== undefined && meta.name !== "" && meta.name !== name) {
      throw badRequest(`the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
  }
  return obj as Record<string, unknown>;
}

export async function serveResource(r: ResourceRequest): Promise<void> {
  const { def, namespace, name, subresource } = r.target;
  const finalize = subresource === "finalize" && isNamespaceKind(def);
  if (subresource !== undefined && !(subresource === "status" && def.subresources?.status) && !finalize) throw pathNotFound();
  if (finalize && r.method !== "PUT") throw methodNotAllowed();
  const sub = subresource === "status" ? "status" as const : finalize ? "finalize" as const : undefined;
  const table = tableOf(r);
  const render = (obj: KubeObject) => (table
    ? table(def, [obj], { resourceVersion: obj.metadata.resourceVersion, includeObject: includeObject(r.query) }) : obj);
  if (r.method === "GET" && (name === undefined || sub === undefined) && isWatch(r.query)) {
    if (name !== undefined) r.query.set("fieldSelector", [`metadata.name=${name}`, r.query.get("fieldSelector")].filter(Boolean).join(","));
    serveWatch(r.req, r.res, { store: r.store, def, ...(namespace !== undefined ? { namespace } : {}), query: r.query,
      render, bookmarkIntervalMs: r.bookmarkIntervalMs });
    return;
  }
  if (name === undefined) return serveCollection(r, table);
  switch (r.method) {
    case "GET":
      return r.send(200, render(r.store.mustGet(def, namespace, name)));
    case "PUT": {
      const o = writeOptions(r.req, r.query, "UpdateOptions");
      const obj = await r.store.update(def, placeBody(r, await r.readJson()), { ...o, ...(sub ? { subresource: sub } : {}) });
      return r.send(200, obj, warningHeaders(o.warnings));
    }
    case "PATCH": {
      const contentType = r.req.headers["content-type"];
      if (isApplyPatch(contentType)) {
        const o = writeOptions(r.req, r.query, "PatchOptions", { apply: true });
        const { object, created } = await r.store.apply(def, placeBody(r, await r.readJson()),
          { ...o, ...(sub === "status" ? { subresource: sub } : {}) });
        return r.send(created ? 201 : 200, object, warningHeaders(o.warnings));
      }
      const patch = patchFunction(contentType);
      const o = writeOptions(r.req, r.query, "PatchOptions");
      const body = await r.readJson();
      const current = r.store.mustGet(def, namespace, name);
      const patched = placeBody(r, patch(current, body, def));
      const obj = await r.store.update(def, patched, { ...o, ...(sub === "status" ? { subresource: sub } : {}) });
      return r.send(200, obj, warningHeaders(o.warnings));
    }
    case "DELETE": {
      if (sub) throw methodNotAllowed();
      const options = await readDeleteOptions(r);
      const result = await r.store.delete(def, namespace, name, options);
      const pending = hasFinalizers(def, result);
      return r.send(pending && options.legacyNoOrphan ? 202 : 200, deleteAnswer(def, result, pending));
    }
    default:
      throw methodNotAllowed();
  }
}

async function serveCollection(r: ResourceRequest, table: TableFunction | undefined): Promise<void> {
  const { def, namespace } = r.target;
  const q = r.query;
  if (r.method === "GET") {
    const limitText = q.get("limit");
    if (limitText !== null && !/^\d+$/.test(limitText)) throw badRequest(`invalid limit: ${limitText}`);
    const list = r.store.list(def, {
      ...(namespace !== undefined ? { namespace } : {}), labelSelector: q.get("labelSelector"),
      fieldSelector: q.get("fieldSelector"), continue: q.get("continue"), ...(limitText ? { limit: Number(limitText) } : {}),
    });
    const meta = { resourceVersion: list.resourceVersion, ...(list.continue ? { continue: list.continue } : {}),
      ...(list.remainingItemCount !== undefined ? { remainingItemCount: list.remainingItemCount } : {}) };
    if (table) return r.send(200, table(def, list.items, { ...meta, includeObject: includeObject(q) }));
    return r.send(200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: meta, items: list.items });
  }
  // POST and DELETE of a namespaced kind need a namespace in the path; the all-namespaces list is read-only.
  if (def.namespaced && namespace === undefined) throw methodNotAllowed();
  if (r.method === "POST") {
    const o = writeOptions(r.req, q, "CreateOptions");
    const obj = await r.store.create(def, placeBody(r, await r.readJson()), o);
    return r.send(201, obj, warningHeaders(o.warnings));
  }
  if (r.method === "DELETE") {
    const options = await readDeleteOptions(r);
    const { items } = r.store.list(def, { ...(namespace !== undefined ? { namespace } : {}),
      labelSelector: q.get("labelSelector"), fieldSelector: q.get("fieldSelector") });
    const gone = await Promise.all(items.map((obj) => r.store.delete(def, obj.metadata.namespace, obj.metadata.name, {
      dryRun: options.dryRun, ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}) })));
    return r.send(200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: r.store.resourceVersion }, items: gone });
  }
  throw methodNotAllowed();
}

async function readDeleteOptions(r: ResourceRequest): Promise<ParsedDeleteOptions> {
  const length = Number(r.req.headers["content-length"] ?? 0);
  const chunked = r.req.headers["transfer-encoding"] !== undefined;
  return deleteOptions(r.query, length > 0 || chunked ? await r.readJson() : undefined);
}

/**
 * An object still held by finalizers is answered as it now is; one removed at once: custom resources and
 * Namespaces with the object, other built-in kinds with a Success Status.
 */
function deleteAnswer(def: KindDefinition, obj: KubeObject, pending: boolean): unknown {
  if (pending || def.group !== "" || isNamespaceKind(def)) return obj;
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success",
    details: { name: obj.metadata.name, kind: def.plural, uid: obj.metadata.uid } };
}
