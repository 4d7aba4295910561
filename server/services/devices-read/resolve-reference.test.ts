import { describe, expect, it } from "vitest";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import { endpointEdgeError } from "./edge-error";
import { endpointReferences, type EndpointReference } from "./endpoint-references";
import { resolveReference } from "./resolve-reference";

const meta = (name: string) => ({ name, namespace: "aio", uid: name, resourceVersion: "1", generation: 1, createdOn: null, labels: {} });
const object = (objectName: string, o: Partial<SpcObject> = {}): SpcObject => ({ objectName, objectType: "secret",
  objectAlias: null, objectVersion: null, objectVersionHistory: null, objectEncoding: null, objectFormat: null,
  filePermission: null, fileName: o.objectAlias ?? objectName, ...o });
const classOf = (objects: SpcObject[], objectsProblem: string | null = null): SecretProviderClass =>
  ({ ...meta("spc"), provider: "azure", keyVaultName: "kv", tenantId: null, clientId: null, objects, objectsProblem });
const syncOf = (sourcePath: string, spc = "spc"): SecretSync => ({ ...meta("s"), managedByPortal: true,
  secretProviderClassName: spc, serviceAccountName: "sa", secretType: "Opaque", data: [{ sourcePath, targetKey: "k" }],
  forceSynchronization: null, secretLabels: {}, secretAnnotations: {}, status: { syncHash: null, lastSuccessfulSyncTime: null, conditions: [] } });

const REF: EndpointReference = { field: "password", reference: "s/k", syncedSecretName: "s", key: "k" };
const resolve = (sourcePath: string, objects: SpcObject[], o: { problem?: string; ref?: EndpointReference; spc?: string } = {}) =>
  resolveReference(o.ref ?? REF, new Map([["s", syncOf(sourcePath, o.spc)]]), new Map([["spc", classOf(objects, o.problem ?? null)]]));

describe("resolveReference", () => {
  it("follows targetKey → sourcePath → the object's file name → objectName", () => {
    expect(resolve("alias-file", [object("vault-name", { objectAlias: "alias-file" })])).toEqual({ keyVaultSecretName: "vault-name" });
    expect(resolve("plain", [object("plain", { objectVersion: "latest" })])).toEqual({ keyVaultSecretName: "plain" });
    expect(resolve("hist/0", [object("hist", { objectVersionHistory: 2 })])).toEqual({ keyVaultSecretName: "hist" });
  });

  it("gives a reason for what the form cannot show as a Key Vault secret's latest version", () => {
    const reason = (r: ReturnType<typeof resolve>) => ("reason" in r ? r.reason : "resolved");
    expect(reason(resolve("x", [object("x")], { ref: { ...REF, reference: "s", key: null } }))).toMatch(/names no key/);
    expect(reason(resolve("x", [object("x")], { spc: "other" }))).toMatch(/SecretProviderClass 'other' of synced secret 's' does not exist/);
    expect(reason(resolve("x", [], { problem: "bad YAML" }))).toMatch(/cannot read/);
    expect(reason(resolve("x", [object("x", { objectType: "cert" })]))).toBe("'x' is a Key Vault cert, not a secret");
    expect(reason(resolve("x", [object("x", { objectVersion: "0123456789abcdef0123456789abcdef" })]))).toMatch(/pinned/);
    expect(reason(resolve("x/1", [object("x")]))).toMatch(/older version/);
    expect(reason(resolve("x", [object("x_y", { objectAlias: "x" })]))).toMatch(/not a Key Vault secret name/);
  });
});

describe("endpointReferences", () => {
  it("reads the credentials of the endpoint's own method and the trust list", () => {
    const refs = endpointReferences({ address: "a", endpointType: "t", trustSettings: { trustList: "s/trustList" },
      authentication: { method: "Certificate", x509Credentials: { certificateSecretName: "s/certificate", keySecretName: "s/key" },
        usernamePasswordCredentials: { usernameSecretName: "old/username", passwordSecretName: "old/password" } } });
    expect(refs.map((r) => [r.field, r.syncedSecretName, r.key])).toEqual([
      ["certificate", "s", "certificate"], ["key", "s", "key"], ["trustList", "s", "trustList"]]);
  });
});

describe("endpointEdgeError", () => {
  const status = (error: unknown) => ({ endpoints: { inbound: { e: { error } } } });
  it("says the edge's error in words, or null", () => {
    expect(endpointEdgeError(status({ code: "400", message: "Bad certificate" }), "e")).toBe("Bad certificate (code 400)");
    expect(endpointEdgeError(status({ message: "Timed out" }), "e")).toBe("Timed out");
    expect(endpointEdgeError(status({ code: 500 }), "e")).toBe("The edge reported error 500");
    expect(endpointEdgeError(status({ code: "400" }), "other")).toBeNull();
    expect(endpointEdgeError(null, "e")).toBeNull();
    expect(endpointEdgeError({ endpoints: "weird" }, "e")).toBeNull();
  });
});
