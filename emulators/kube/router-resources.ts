import type { IncomingMessage, ServerResponse } from "node:http";
import type { KindDefinition } from "./kinds/types";
import { patchFunction } from "./patch";
import type { ResourceTarget } from "./router";
import { badRequest, methodNotAllowed, pathNotFound } from "./status";
import type { KubeStore } from "./store";
import { apiVersionOf } from "./store-prepare";
import type { KubeObject, WriteOptions } from "./store-types";
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

function writeOptions(r: ResourceRequest): WriteOptions & { warnings: string[] } {
  const q = r.query;
  const validation = q.get("fieldValidation") ?? undefined;
  if (validation !== undefined && !["Strict", "Warn", "Ignore"].includes(validation)) {
    throw badRequest(`fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const dryRun = q.getAll("dryRun");
  if (dryRun.some((d) => d !== "All")) throw badRequest(`dryRun: Unsupported value: "${dryRun.join(",")}": supported values: "All"`);
  const manager = q.get("fieldManager") ?? r.req.headers["user-agent"]?.split("/")[0] ?? "unknown";
  if (manager.length > 128) throw badRequest("fieldManager: Too long: may not be more than 128 bytes");
  return {
    fieldManager: manager || "unknown", dryRun: dryRun.length > 0, warnings: [],
    ...(validation ? { fieldValidation: validation as WriteOptions["fieldValidation"] } : {}),
  };
}

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
  if (subresource !== undefined && !(subresource === "status" && def.subresources?.status)) throw pathNotFound();
  const sub = subresource === "status" ? "status" as const : undefined;
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
      const o = writeOptions(r);
      const obj = await r.store.update(def, placeBody(r, await r.readJson()), { ...o, ...(sub ? { subresource: sub } : {}) });
      return r.send(200, obj, warningHeaders(o.warnings));
    }
    case "PATCH": {
      const o = writeOptions(r);
      const patch = patchFunction(r.req.headers["content-type"]);
      const body = await r.readJson();
      const current = r.store.mustGet(def, namespace, name);
      const patched = placeBody(r, patch(current, body, def));
      const obj = await r.store.update(def, patched, { ...o, ...(sub ? { subresource: sub } : {}) });
      return r.send(200, obj, warningHeaders(o.warnings));
    }
    case "DELETE": {
      if (sub) throw methodNotAllowed();
      const options = await deleteOptions(r);
      const gone = await r.store.delete(def, namespace, name, options);
      return r.send(200, deleteAnswer(def, gone));
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
    const o = writeOptions(r);
    const obj = await r.store.create(def, placeBody(r, await r.readJson()), o);
    return r.send(201, obj, warningHeaders(o.warnings));
  }
  if (r.method === "DELETE") {
    const options = await deleteOptions(r);
    const { items } = r.store.list(def, { ...(namespace !== undefined ? { namespace } : {}),
      labelSelector: q.get("labelSelector"), fieldSelector: q.get("fieldSelector") });
    const gone = await Promise.all(items.map((obj) => r.store.delete(def, obj.metadata.namespace, obj.metadata.name, { dryRun: options.dryRun })));
    return r.send(200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: r.store.resourceVersion }, items: gone });
  }
  throw methodNotAllowed();
}

/** DeleteOptions from the body (kubectl sends `{"propagationPolicy":"Background"}`) and the query. */
async function deleteOptions(r: ResourceRequest): Promise<{ preconditions?: { uid?: string; resourceVersion?: string }; dryRun: boolean }> {
  const length = Number(r.req.headers["content-length"] ?? 0);
  const chunked = r.req.headers["transfer-encoding"] !== undefined;
  const body = length > 0 || chunked ? await r.readJson() : undefined;
  const b = (typeof body === "object" && body !== null ? body : {}) as { preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: string[] };
  const dryRun = r.query.get("dryRun") === "All" || (Array.isArray(b.dryRun) && b.dryRun.includes("All"));
  return { ...(b.preconditions ? { preconditions: b.preconditions } : {}), dryRun };
}

/** Custom resources answer a delete with the object; built-in kinds (but Namespace) with a Success Status. */
function deleteAnswer(def: KindDefinition, gone: KubeObject): unknown {
  if (def.group !== "") return gone;
  if (def.kind === "Namespace") return { ...gone, status: { phase: "Terminating" } };
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success",
    details: { name: gone.metadata.name, kind: def.plural, uid: gone.metadata.uid } };
}
