import { describe, expect, it } from "vitest";
import {
  acceptedAggregatedVersion, aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, groupVersions,
} from "./discovery";
import { KINDS } from "./kinds";
import { openApiDocuments, openApiIndex } from "./openapi";

const KUBECTL_AGG = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

describe("discovery documents", () => {
  it("serves the core group first, then every custom group once", () => {
    const gvs = groupVersions(KINDS).map((gv) => `${gv.group}/${gv.version}`);
    expect(gvs[0]).toBe("/v1");
    expect(apiGroupList(KINDS).groups.map((g) => g.preferredVersion?.groupVersion)).toEqual([
      "secrets-store.csi.x-k8s.io/v1", "secret-sync.x-k8s.io/v1alpha1", "namespaces.deviceregistry.microsoft.com/v1",
      "connectivity.iotoperations.azure.com/v1", "iotoperations.azure.com/v1",
    ]);
    expect(apiGroupDocument(KINDS, "secret-sync.x-k8s.io")).toMatchObject({ kind: "APIGroup", name: "secret-sync.x-k8s.io" });
    expect(apiGroupDocument(KINDS, "nope.example.com")).toBeUndefined();
  });

  it("lists subresources in the legacy resource list (serviceaccounts/token is a TokenRequest)", () => {
    const core = apiResourceList(KINDS, "", "v1")!;
    expect(core.groupVersion).toBe("v1");
    const names = core.resources.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["namespaces", "namespaces/status", "secrets", "serviceaccounts",
      "serviceaccounts/token", "events", "configmaps"]));
    expect(core.resources.find((r) => r.name === "serviceaccounts/token")).toMatchObject({
      kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"],
    });
    expect(core.resources.find((r) => r.name === "namespaces")).toMatchObject({ namespaced: false, shortNames: ["ns"] });
    const ss = apiResourceList(KINDS, "secret-sync.x-k8s.io", "v1alpha1")!;
    expect(ss.resources.map((r) => r.name)).toEqual(["secretsyncs", "secretsyncs/status"]);
    expect(apiResourceList(KINDS, "secret-sync.x-k8s.io", "v9")).toBeUndefined();
  });

  it("answers aggregated discovery in kubectl's preferred version, /api without a group name", () => {
    expect(acceptedAggregatedVersion(KUBECTL_AGG)).toBe("v2");
    expect(acceptedAggregatedVersion("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")).toBe("v2beta1");
    expect(acceptedAggregatedVersion("application/json, */*")).toBeUndefined();
    const core = aggregatedDiscovery(KINDS, "core", "v2");
    expect(core.items).toHaveLength(1);
    expect(core.items[0]!.metadata).not.toHaveProperty("name");
    const sa = core.items[0]!.versions[0]!.resources.find((r) => r.resource === "serviceaccounts");
    expect(sa?.subresources).toEqual([{ subresource: "token", verbs: ["create"],
      responseKind: { group: "authentication.k8s.io", version: "v1", kind: "TokenRequest" } }]);
    const groups = aggregatedDiscovery(KINDS, "groups", "v2");
    expect(groups.apiVersion).toBe("apidiscovery.k8s.io/v2");
    const ssync = groups.items.find((i) => i.metadata.name === "secret-sync.x-k8s.io")!.versions[0]!;
    expect(ssync).toMatchObject({ version: "v1alpha1", freshness: "Current" });
    expect(ssync.resources[0]).toMatchObject({ resource: "secretsyncs", scope: "Namespaced", singularResource: "secretsync",
      subresources: [{ subresource: "status" }] });
  });
});

describe("OpenAPI v3", () => {
  const docs = openApiDocuments(KINDS);

  it("indexes one document per group-version by hash", () => {
    const index = openApiIndex(docs);
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(["api/v1", "apis/secret-sync.x-k8s.io/v1alpha1"]));
    const entry = index.paths["apis/secret-sync.x-k8s.io/v1alpha1"]!;
    expect(entry.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/secret-sync\.x-k8s\.io\/v1alpha1\?hash=[0-9A-F]{128}$/);
  });

  it("carries what kubectl's field-validation check and explain look for", () => {
    const doc = JSON.parse(docs.find((d) => d.path === "apis/secret-sync.x-k8s.io/v1alpha1")!.json);
    const item = doc.paths["/apis/secret-sync.x-k8s.io/v1alpha1/namespaces/{namespace}/secretsyncs/{name}"];
    expect(item.patch["x-kubernetes-group-version-kind"]).toEqual({ group: "secret-sync.x-k8s.io", version: "v1alpha1", kind: "SecretSync" });
    expect(item.patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    expect(Object.keys(item.patch.requestBody.content)).not.toContain("application/strategic-merge-patch+json");
    const schema = doc.components.schemas["io.x-k8s.secret-sync.v1alpha1.SecretSync"];
    expect(schema["x-kubernetes-group-version-kind"]).toEqual([{ group: "secret-sync.x-k8s.io", version: "v1alpha1", kind: "SecretSync" }]);
    expect(schema.properties.spec.properties.secretObject.properties.data.minItems).toBe(1);
    const core = JSON.parse(docs.find((d) => d.path === "api/v1")!.json);
    const secretPatch = core.paths["/api/v1/namespaces/{namespace}/secrets/{name}"].patch;
    expect(Object.keys(secretPatch.requestBody.content)).toContain("application/strategic-merge-patch+json");
    expect(core.paths["/api/v1/namespaces/{name}"].patch["x-kubernetes-group-version-kind"].kind).toBe("Namespace");
    expect(core.components.schemas["io.k8s.api.core.v1.Secret"].description).toMatch(/sensitive data/);
  });
});
