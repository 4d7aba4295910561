import type { KindDefinition } from "./kinds/types";
import { mediaParams } from "./table";

/**
 * Discovery documents, built from the kinds: `/version`, the legacy `/api`, `/apis`, `/api/v1`, `/apis/<g>[/<v>]`,
 * and aggregated discovery (apidiscovery.k8s.io/v2), which kubectl 1.32 asks for first and which spares it the
 * per-group calls. Pure functions; discovery-routes.ts serves them.
 */

/** kubectl on this machine is a dispatcher that runs the bundled kubectl matching this minor version. */
export const VERSION_INFO = {
  major: "1", minor: "32", gitVersion: "v1.32.0", gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean", buildDate: "2024-12-11T00:00:00Z", goVersion: "go1.23.4", compiler: "gc",
  platform: "linux/amd64",
};

interface Subresource { name: string; verbs: string[]; kind: { group: string; version: string; kind: string } }

/** Subresources a kind offers: status (when declared) and, for ServiceAccount, token (TokenRequest). */
export function subresourcesOf(def: KindDefinition): Subresource[] {
  const own = { group: def.group, version: def.version, kind: def.kind };
  const subs: Subresource[] = [];
  if (def.subresources?.status) subs.push({ name: "status", verbs: ["get", "patch", "update"], kind: own });
  if (def.group === "" && def.plural === "serviceaccounts") {
    subs.push({ name: "token", verbs: ["create"],
      kind: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" } });
  }
  return subs;
}

/** Group versions in first-seen order; the core group ("") first when present. */
export function groupVersions(kinds: readonly KindDefinition[]): { group: string; version: string; kinds: KindDefinition[] }[] {
  const byGv = new Map<string, { group: string; version: string; kinds: KindDefinition[] }>();
  for (const k of kinds) {
    const key = `${k.group}/${k.version}`;
    if (!byGv.has(key)) byGv.set(key, { group: k.group, version: k.version, kinds: [] });
    byGv.get(key)!.kinds.push(k);
  }
  return [...byGv.values()].sort((a, b) => Number(a.group !== "") - Number(b.group !== ""));
}

export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions", versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function apiGroup(group: string, versions: string[]) {
  const gvs = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

export function apiGroupList(kinds: readonly KindDefinition[]) {
  const groups = new Map<string, string[]>();
  for (const gv of groupVersions(kinds)) {
    if (gv.group === "") continue;
    groups.set(gv.group, [...(groups.get(gv.group) ?? []), gv.version]);
  }
  return { kind: "APIGroupList", apiVersion: "v1", groups: [...groups].map(([g, vs]) => apiGroup(g, vs)) };
}

/** `/apis/<group>`: one APIGroup, or undefined for a group not served. */
export function apiGroupDocument(kinds: readonly KindDefinition[], group: string) {
  const versions = groupVersions(kinds).filter((gv) => gv.group === group && group !== "").map((gv) => gv.version);
  return versions.length > 0 ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, versions) } : undefined;
}

/** `/api/v1` or `/apis/<group>/<version>`: the legacy resource list (subresources as `<plural>/<sub>` entries). */
export function apiResourceList(kinds: readonly KindDefinition[], group: string, version: string) {
  const served = kinds.filter((k) => k.group === group && k.version === version);
  if (served.length === 0) return undefined;
  const resources = served.flatMap((k) => [
    {
      name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: [...k.verbs],
      ...(k.shortNames?.length ? { shortNames: k.shortNames } : {}),
      ...(k.categories?.length ? { categories: k.categories } : {}),
    },
    ...subresourcesOf(k).map((s) => ({
      name: `${k.plural}/${s.name}`, singularName: "", namespaced: k.namespaced, kind: s.kind.kind, verbs: s.verbs,
      ...(s.kind.group !== group || s.kind.version !== version ? { group: s.kind.group, version: s.kind.version } : {}),
    })),
  ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources };
}

/**
 * Aggregated discovery for `/api` (scope "core": one item without a name) or `/apis` (every named group).
 * `apiVersion` follows what the client accepted (v2, or v2beta1 for older clients).
 */
export function aggregatedDiscovery(kinds: readonly KindDefinition[], scope: "core" | "groups", apiVersion: "v2" | "v2beta1") {
  const byGroup = new Map<string, ReturnType<typeof groupVersions>>();
  for (const gv of groupVersions(kinds)) {
    if ((gv.group === "") !== (scope === "core")) continue;
    byGroup.set(gv.group, [...(byGroup.get(gv.group) ?? []), gv]);
  }
  const items = [...byGroup].map(([group, gvs]) => ({
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: gvs.map((gv) => ({
      version: gv.version,
      resources: gv.kinds.map((k) => ({
        resource: k.plural,
        responseKind: { group: k.group, version: k.version, kind: k.kind },
        scope: k.namespaced ? "Namespaced" : "Cluster",
        singularResource: k.singular,
        verbs: [...k.verbs],
        ...(k.shortNames?.length ? { shortNames: k.shortNames } : {}),
        ...(k.categories?.length ? { categories: k.categories } : {}),
        ...(subresourcesOf(k).length > 0 ? {
          subresources: subresourcesOf(k).map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs })),
        } : {}),
      })),
      freshness: "Current",
    })),
  }));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${apiVersion}`, metadata: {}, items };
}

/**
 * Which aggregated-discovery version the Accept header asks for, in the client's order of preference; undefined
 * when it only takes plain JSON (then the legacy documents are sent and the client makes per-group calls).
 */
export function acceptedAggregatedVersion(accept: string | undefined): "v2" | "v2beta1" | undefined {
  for (const part of (accept ?? "").split(",")) {
    const p = mediaParams(part);
    if (p.as === "APIGroupDiscoveryList" && p.g === "apidiscovery.k8s.io" && (p.v === "v2" || p.v === "v2beta1")) {
      return p.v;
    }
  }
  return undefined;
}

export function aggregatedContentType(version: "v2" | "v2beta1"): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
