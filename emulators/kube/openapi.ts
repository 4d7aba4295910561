import { createHash } from "node:crypto";
import { groupVersions } from "./discovery";
import type { JsonSchema, KindDefinition } from "./kinds/types";

/**
 * OpenAPI v3 documents, one per group-version, as kube-apiserver publishes them under `/openapi/v3`. kubectl reads
 * two things (shared/reference/toolchain-clients.md §5.3): on a path's `patch` operation, the GVK extension (an
 * object) plus a `fieldValidation` query parameter, which tells it the server validates fields itself (so `apply`
 * sends `fieldValidation=Strict` instead of downloading the v2 protobuf spec); and under `components.schemas`, the
 * kind's schema with the GVK extension (an array), which `kubectl explain` prints. Client-side `apply` of built-in
 * kinds also looks for `application/strategic-merge-patch+json` among the PATCH body types.
 */

const GVK = "x-kubernetes-group-version-kind";

/** `api/v1` or `apis/<group>/<version>`: the key of the index and the document's URL path. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Schema names as kube-apiserver spells them: io.k8s.api.core.v1.Secret, io.x-k8s.secret-sync.v1alpha1.SecretSync. */
export function schemaName(def: { group: string; version: string; kind: string }): string {
  const prefix = def.group ? def.group.split(".").reverse().join(".") : "io.k8s.api.core";
  return `${prefix}.${def.version}.${def.kind}`;
}

function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

function queryParam(name: string, description: string, type = "string") {
  return { name, in: "query", description, schema: { type, uniqueItems: true } };
}

const WRITE_PARAMS = [
  queryParam("dryRun", "When present (All), the write is validated but not persisted."),
  queryParam("fieldManager", "Name of the actor making the change, recorded in managedFields."),
  queryParam("fieldValidation", "Ignore, Warn (default) or Strict: what to do with unknown or duplicate fields."),
];

function operation(def: KindDefinition, action: string, id: string, extra: Record<string, unknown> = {}) {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  return {
    operationId: id,
    description: `${action} ${def.kind}`,
    responses: { "200": { description: "OK", content: { "application/json": { schema: ref(schemaName(def)) } } } },
    "x-kubernetes-action": action,
    [GVK]: gvk,
    ...extra,
  };
}

function body(def: KindDefinition, types: string[]) {
  const content = Object.fromEntries(types.map((t) => [t, { schema: ref(schemaName(def)) }]));
  return { requestBody: { required: true, content } };
}

function patchTypes(def: KindDefinition): string[] {
  const types = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
  return def.group === "" ? [...types, "application/strategic-merge-patch+json"] : types;
}

function pathsFor(def: KindDefinition): Record<string, unknown> {
  const base = `/${groupVersionPath(def.group, def.version)}`;
  const collection = def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}` : `${base}/${def.plural}`;
  const item = `${collection}/{name}`;
  const nsParam = def.namespaced ? [{ name: "namespace", in: "path", required: true, schema: { type: "string" } }] : [];
  const nameParam = [{ name: "name", in: "path", required: true, schema: { type: "string" } }];
  const id = `${def.kind}${def.version}`;
  const paths: Record<string, unknown> = {
    [collection]: {
      get: operation(def, "list", `list${id}`),
      post: operation(def, "post", `create${id}`, { ...body(def, ["application/json", "application/yaml"]), parameters: WRITE_PARAMS }),
      parameters: nsParam,
    },
    [item]: {
      get: operation(def, "get", `read${id}`),
      put: operation(def, "put", `replace${id}`, { ...body(def, ["application/json", "application/yaml"]), parameters: WRITE_PARAMS }),
      patch: operation(def, "patch", `patch${id}`, {
        ...body(def, patchTypes(def)),
        parameters: [...WRITE_PARAMS, queryParam("force", "Server-side apply: take over conflicting fields.", "boolean")],
      }),
      delete: operation(def, "delete", `delete${id}`, { parameters: WRITE_PARAMS.slice(0, 1) }),
      parameters: [...nameParam, ...nsParam],
    },
  };
  if (def.namespaced) paths[`${base}/${def.plural}`] = { get: operation(def, "list", `list${id}ForAllNamespaces`) };
  if (def.subresources?.status) {
    paths[`${item}/status`] = {
      get: operation(def, "get", `read${id}Status`),
      put: operation(def, "put", `replace${id}Status`, { ...body(def, ["application/json"]), parameters: WRITE_PARAMS }),
      patch: operation(def, "patch", `patch${id}Status`, { ...body(def, patchTypes(def)), parameters: WRITE_PARAMS }),
      parameters: [...nameParam, ...nsParam],
    };
  }
  return paths;
}

function schemasFor(def: KindDefinition): Record<string, JsonSchema & Record<string, unknown>> {
  const gvk = [{ group: def.group, version: def.version, kind: def.kind }];
  const list = {
    type: "object" as const,
    description: `${def.listKind} is a list of ${def.kind}.`,
    required: ["items"],
    properties: {
      apiVersion: { type: "string" as const, description: "The versioned schema of this representation." },
      kind: { type: "string" as const, description: `Always ${def.listKind}.` },
      metadata: { type: "object" as const, description: "List metadata: resourceVersion, continue, remainingItemCount." },
      items: { type: "array" as const, description: `The ${def.plural}.`, items: ref(schemaName(def)) as JsonSchema },
    },
    [GVK]: [{ group: def.group, version: def.version, kind: def.listKind }],
  };
  return { [schemaName(def)]: { ...def.schema, [GVK]: gvk }, [`${schemaName(def)}List`]: list };
}

export interface OpenApiDocument { path: string; hash: string; json: string }

/** One document per group-version, serialised once (kinds are static), with the hash the index links to. */
export function openApiDocuments(kinds: readonly KindDefinition[]): OpenApiDocument[] {
  return groupVersions(kinds).map((gv) => {
    const doc = {
      openapi: "3.0.0",
      info: { title: "Kubernetes", version: "v1.32.0" },
      paths: Object.assign({}, ...gv.kinds.map(pathsFor)),
      components: { schemas: Object.assign({}, ...gv.kinds.map(schemasFor)) },
    };
    const json = JSON.stringify(doc);
    const hash = createHash("sha512").update(json).digest("hex").toUpperCase();
    return { path: groupVersionPath(gv.group, gv.version), hash, json };
  });
}

/** `GET /openapi/v3`: where each group-version document lives. */
export function openApiIndex(docs: readonly OpenApiDocument[]) {
  return {
    paths: Object.fromEntries(docs.map((d) => [d.path, { serverRelativeURL: `/openapi/v3/${d.path}?hash=${d.hash}` }])),
  };
}
