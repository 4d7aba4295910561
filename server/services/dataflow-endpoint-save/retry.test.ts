import { describe, expect, it } from "vitest";
import { SAVE_CASES } from "@/server/testing/dataflow-endpoint-cases";
import {
  createRequest, dataflowHarness, expectedEndpoint, failure, KEY, storedEndpoint, syncData, updateRequest,
} from "@/server/testing/dataflow-endpoint-save-fixtures";

const eventHubs = SAVE_CASES.find((c) => c.fixture === "kafka-event-hubs-sasl.yaml")!;

describe("data flow endpoint save: a failure names its step, and the same request again finishes the save", () => {
  it("a fault at step 1 (the SPC write) after the vault secrets landed: the retry writes no second version of any", async () => {
    const h = dataflowHarness();
    h.cluster.fail({ verb: "replace", plural: "secretproviderclasses", status: 503, reason: "ServiceUnavailable" });
    const request = await createRequest(await eventHubs.body(), KEY);
    const err = await failure(h.service.save(request, { dryRun: false }));
    expect(err.status).toBe(503);
    expect(err.detail).toMatch(/^Saving stopped at step 1 of 3 \(writing the Key Vault secrets and the SecretProviderClass\): .*; submit again to finish\.$/);
    expect(h.cluster.get("dataflowendpoints", "eh-telemetry")).toBeUndefined();
    expect(h.vault.versions.get("ops-portal-eventhub-username")).toBe(1);

    const saved = await h.service.save(request, { dryRun: false });
    expect(h.vault.versions.get("ops-portal-eventhub-username")).toBe(1);
    expect(h.vault.versions.get("eh-telemetry-connection")).toBe(1);
    expect(h.vault.calls.set).toBe(2);
    expect(saved.result.plan.vaultSecretsToCreate.sort()).toEqual(["eh-telemetry-connection", "ops-portal-eventhub-username"]);
    expect(storedEndpoint(h.cluster, "eh-telemetry")).toEqual(expectedEndpoint(eventHubs.fixture));
    expect(syncData(h.cluster, "eh-telemetry-sasl")).toEqual([["ops-portal-eventhub-username", "username"],
      ["eh-telemetry-connection", "password"]]);
  });

  it("a vault write whose answer was lost is read back and counted as written (one version)", async () => {
    const h = dataflowHarness();
    h.vault.failNextSet("eh-telemetry-connection", { when: "after" });
    await h.service.save(await createRequest(await eventHubs.body(), KEY), { dryRun: false });
    expect(h.vault.versions.get("eh-telemetry-connection")).toBe(1);
    expect(syncData(h.cluster, "eh-telemetry-sasl")).toHaveLength(2);
  });

  it("stopped at step 3: the retry recognises its own endpoint and writes the SecretSync", async () => {
    const h = dataflowHarness();
    h.cluster.fail({ verb: "create", plural: "secretsyncs", status: 503, reason: "ServiceUnavailable" });
    const request = await createRequest(await eventHubs.body(), KEY);
    expect((await failure(h.service.save(request, { dryRun: false }))).detail).toMatch(/^Saving stopped at step 3 of 3 \(writing the SecretSyncs\)/);
    const first = h.cluster.get("dataflowendpoints", "eh-telemetry")!;
    await h.service.save(request, { dryRun: false });
    expect(h.cluster.get("dataflowendpoints", "eh-telemetry")!.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(syncData(h.cluster, "eh-telemetry-sasl")).toHaveLength(2);
  });

  it("a stale endpoint at step 2 is a 409 without 'submit again'", async () => {
    const h = dataflowHarness();
    const c = SAVE_CASES.find((x) => x.fixture === "local-storage.yaml")!;
    await h.service.save(await createRequest(await c.body(), KEY), { dryRun: false });
    const rv = h.cluster.get("dataflowendpoints", "local-archive")!.metadata.resourceVersion!;
    h.cluster.beforeCall = (verb, plural) => {
      if (verb === "replace" && plural === "dataflowendpoints") {
        h.cluster.beforeCall = null;
        h.cluster.external("dataflowendpoints", "local-archive", (o) => ({ ...o, spec: { ...o.spec, theirs: true } }));
      }
    };
    const err = await failure(h.service.save(await updateRequest({ ...await c.body(), persistentVolumeClaimRef: "other-pvc" }, rv,
      "6f1d3f8e-2222-4a2b-9c3d-000000000002"), { dryRun: false }));
    expect(err).toMatchObject({ status: 409, detail: "Saving stopped at step 2 of 3 (writing the DataflowEndpoint): Data flow " +
      "endpoint 'local-archive' was changed by someone else since you opened it; reload it and apply your changes again." });
  });
});
