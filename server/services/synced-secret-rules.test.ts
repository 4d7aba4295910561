import { describe, expect, it } from "vitest";
import { changeRefusal, deleteRefusal, ownerOf } from "./synced-secret-rules";

const sync = (o: { managedByPortal?: boolean; spc?: string; createdBy?: string | null } = {}) => ({
  name: "s1", namespace: "aio", uid: "u", resourceVersion: "1", generation: 1, createdOn: null, labels: {},
  managedByPortal: o.managedByPortal ?? true, secretProviderClassName: o.spc ?? "spc-default", serviceAccountName: "aio-ssc-sa",
  secretType: "Opaque", data: [], forceSynchronization: null, secretLabels: {}, secretAnnotations: {},
  createdBy: o.createdBy ?? null, status: { syncHash: null, lastSuccessfulSyncTime: null, conditions: [] },
});

describe("synced secret rules", () => {
  it("tells the portal's own, one made elsewhere (by whom), and a system one (another SPC, which wins)", () => {
    expect(ownerOf(sync(), "spc-default")).toEqual({ kind: "portal" });
    expect(ownerOf(sync({ managedByPortal: false, createdBy: "azure-cli" }), "spc-default"))
      .toEqual({ kind: "foreign", createdBy: "'azure-cli'" });
    expect(ownerOf(sync({ managedByPortal: false }), "spc-default")).toEqual({ kind: "foreign", createdBy: "another tool" });
    expect(ownerOf(sync({ spc: "opc-ua-connector" }), "spc-default"))
      .toEqual({ kind: "system", secretProviderClassName: "opc-ua-connector" });
    expect(ownerOf(sync(), null).kind).toBe("system");
  });

  it("refuses changes with 409 (made elsewhere) or 403 (system), at the field given", () => {
    expect(changeRefusal("s1", { kind: "portal" }, "spc-default")).toBeNull();
    expect(changeRefusal("s1", { kind: "foreign", createdBy: "'kubectl'" }, "spc-default", { field: "endpoints.0.syncedSecretName" }))
      .toMatchObject({ status: 409, errors: { "endpoints.0.syncedSecretName": [
        "Synced secret 's1' was made by 'kubectl', not by the portal, so the portal does not change it."] } });
    expect(changeRefusal("s1", { kind: "system", secretProviderClassName: "opc-ua-connector" }, "spc-default"))
      .toMatchObject({ status: 403 });
  });

  it("refuses deletes of what the portal did not make; without the default SPC only the label counts", () => {
    expect(deleteRefusal(sync({ spc: "other" }))).toBeNull();
    expect(deleteRefusal(sync({ spc: "other" }), "spc-default")).toMatchObject({ status: 403,
      detail: expect.stringContaining("system synced secret") });
    expect(deleteRefusal(sync({ managedByPortal: false, createdBy: "helm" }))).toMatchObject({ status: 403,
      detail: "SecretSync 's1' was not created by the portal (made by 'helm'), so the portal does not delete it." });
  });
});
