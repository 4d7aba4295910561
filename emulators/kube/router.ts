import type { KindDefinition } from "./kinds/types";
import { badRequest, pathNotFound } from "./status";

/** A request path resolved to a kind: `/api/v1/namespaces/ns/secrets/x/status` → Secret, ns, x, status. */
export interface ResourceTarget {
  def: KindDefinition;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Route template for stats and fault matching, e.g. `/api/v1/namespaces/{namespace}/secrets/{name}`. */
  template: string;
}

export class KindIndex {
  private readonly byPath = new Map<string, KindDefinition>();

  constructor(kinds: readonly KindDefinition[]) {
    for (const def of kinds) this.byPath.set(`${def.group}/${def.version}/${def.plural}`, def);
  }

  find(group: string, version: string, plural: string): KindDefinition | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`invalid URL escape in path segment ${JSON.stringify(segment.slice(0, 100))}`);
  }
}

/**
 * Resolves a resource path; undefined when the path is not under `/api/v1/…` or `/apis/<group>/<version>/…` with at
 * least a resource segment (discovery documents are served by injected routes). A path of that shape naming an
 * unknown resource, or one with too many segments, is the API server's plain 404.
 */
export function resolveResource(index: KindIndex, pathname: string): ResourceTarget | undefined {
  const segments = pathname.split("/").filter((s) => s !== "").map(decode);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === "api" && segments.length >= 2) {
    [group, version, rest] = ["", segments[1] ?? "", segments.slice(2)];
  } else if (segments[0] === "apis" && segments.length >= 3) {
    [group, version, rest] = [segments[1] ?? "", segments[2] ?? "", segments.slice(3)];
  } else return undefined;
  if (rest.length === 0) return undefined;
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  // `namespaces/<ns>/status|finalize` are Namespace subresources; `namespaces/<ns>/<plural>…` is a namespaced path.
  const namespaceSub = group === "" && rest[0] === "namespaces" && rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize");
  if (rest[0] === "namespaces" && rest.length >= 3 && !namespaceSub) {
    const [, namespace = "", plural = "", name, subresource] = rest;
    const def = index.find(group, version, plural);
    if (!def || !def.namespaced || rest.length > 5) throw pathNotFound();
    return {
      def, namespace, ...(name !== undefined ? { name } : {}), ...(subresource !== undefined ? { subresource } : {}),
      template: `${base}/namespaces/{namespace}/${plural}${name !== undefined ? "/{name}" : ""}${subresource ? `/${subresource}` : ""}`,
    };
  }
  const [plural = "", name, subresource] = rest;
  const def = index.find(group, version, plural);
  // A namespaced kind has only its all-namespaces list at the cluster level (kubectl get -A).
  if (!def || rest.length > 3 || (def.namespaced && name !== undefined)) throw pathNotFound();
  return {
    def, ...(name !== undefined ? { name } : {}), ...(subresource !== undefined ? { subresource } : {}),
    template: `${base}/${plural}${name !== undefined ? "/{name}" : ""}${subresource ? `/${subresource}` : ""}`,
  };
}
