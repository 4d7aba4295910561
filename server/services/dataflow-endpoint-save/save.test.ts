import { describe, expect, it } from "vitest";
import { CONNECTION_STRING, SAS_TOKEN, SAVE_CASES } from "@/server/testing/dataflow-endpoint-cases";
import {
  createRequest, dataflowHarness, expectedEndpoint, KEY, spcObjects, storedEndpoint, syncData, writes,
} from "@/server/testing/dataflow-endpoint-save-fixtures";

describe.each(SAVE_CASES)("data flow endpoint save: $title", (c) => {
  it("writes the endpoint as the hand-written fixture, the synced secret's keys, and nothing with a value comes back", async () => {
    const h = dataflowHarness({ vaultNames: c.vaultNames });
    const body = await c.body();
    const saved = await h.service.save(await createRequest(body, KEY), { dryRun: false });

    const expected = expectedEndpoint(c.fixture);
    const name = (expected.metadata as { name: string }).name;
    expect(storedEndpoint(h.cluster, name)).toEqual(expected);
    expect(h.cluster.get("dataflowendpoints", name)!.metadata.annotations).toEqual({ "ops-portal.azure.com/save-id": KEY });

    if (c.secret) {
      const keys = Object.entries(c.secret.keys);
      expect(syncData(h.cluster, c.secret.name)).toEqual(keys.map(([key, vault]) => [vault, key]));
      expect(spcObjects(h.cluster)).toEqual(expect.arrayContaining(Object.values(c.secret.keys)));
      expect(saved.touched).toEqual(expect.arrayContaining([`secretsyncs/${c.secret.name}`]));
    } else {
      expect(h.cluster.all("secretsyncs")).toEqual([]);
      expect(spcObjects(h.cluster)).toEqual([]);
      expect(writes(h.cluster)).toEqual([`create dataflowendpoints/${name}`]);
    }
    expect([...h.written].sort()).toEqual([...c.created].sort());
    for (const n of c.created) {
      expect(h.vault.versions.get(n.toLowerCase())).toBe(1);
      expect((await h.vault.getSecretProperties(n)).tags).toEqual({ "ops-portal-save": KEY });
    }
    expect(saved.result).toMatchObject({ dryRun: false, resourceVersion: h.cluster.get("dataflowendpoints", name)!.metadata.resourceVersion });
    const answer = JSON.stringify(saved);
    for (const secretValue of [CONNECTION_STRING, SAS_TOKEN, "Kafka-Pa55-word", "PRIVATE KEY"]) expect(answer).not.toContain(secretValue);
  });
});

describe("data flow endpoint save: order, dry run, review", () => {
  it("writes Key Vault and the SPC (1), the endpoint (2), the SecretSync last (3), and names what it touched", async () => {
    const h = dataflowHarness();
    const c = SAVE_CASES.find((x) => x.fixture === "kafka-event-hubs-sasl.yaml")!;
    const saved = await h.service.save(await createRequest(await c.body(), KEY), { dryRun: false });
    expect(writes(h.cluster)).toEqual(["replace secretproviderclasses/spc-ops-test", "create dataflowendpoints/eh-telemetry",
      "create secretsyncs/eh-telemetry-sasl"]);
    expect(saved.touched).toEqual(["keyvault/secrets/ops-portal-eventhub-username", "keyvault/secrets/eh-telemetry-connection",
      "secretproviderclasses/spc-ops-test", "dataflowendpoints/eh-telemetry", "secretsyncs/eh-telemetry-sasl"]);
  });

  it("a dry run reads and plans, writes nothing, and shows names and YAML without values", async () => {
    const h = dataflowHarness();
    const c = SAVE_CASES.find((x) => x.fixture === "kafka-event-hubs-sasl.yaml")!;
    const { result, touched } = await h.service.save(await createRequest(await c.body(), KEY), { dryRun: true });
    expect(writes(h.cluster)).toEqual([]);
    expect(h.vault.calls.set).toBe(0);
    expect(touched).toEqual([]);
    expect(result).toMatchObject({ dryRun: true, resourceVersion: null, plan: {
      vaultSecretsToCreate: ["ops-portal-eventhub-username", "eh-telemetry-connection"],
      secretProviderClass: { name: "spc-ops-test", objectsToAdd: ["ops-portal-eventhub-username", "eh-telemetry-connection"], objectsToRemove: [] },
      secretSyncs: [{ name: "eh-telemetry-sasl", action: "create", keysAdded: ["username", "password"], keysRemoved: [] }],
      dataflowEndpoint: { name: "eh-telemetry", action: "create" },
    } });
    expect(result.plan.dataflowEndpoint.yaml).toContain("kind: DataflowEndpoint");
    expect(result.plan.dataflowEndpoint.yaml).toContain("secretRef: eh-telemetry-sasl");
    expect(JSON.stringify(result)).not.toContain(CONNECTION_STRING);
  });

  it("a second Event Hubs endpoint uses the shared $ConnectionString secret as it is: no second version", async () => {
    const h = dataflowHarness();
    const c = SAVE_CASES.find((x) => x.fixture === "kafka-event-hubs-sasl.yaml")!;
    await h.service.save(await createRequest(await c.body(), KEY), { dryRun: false });
    const second = await h.service.save(await createRequest({ ...await c.body(), name: "eh-alarms", syncedSecretName: "eh-alarms-sasl",
      authentication: { method: "Sasl", saslType: "Plain", password: { source: "existing", keyVaultSecretName: "eh-telemetry-connection" } } },
    "6f1d3f8e-3333-4a2b-9c3d-000000000003"), { dryRun: false });
    expect(h.vault.versions.get("ops-portal-eventhub-username")).toBe(1);
    expect(second.result.plan.vaultSecretsToCreate).toEqual([]);
    expect(syncData(h.cluster, "eh-alarms-sasl")).toEqual([["ops-portal-eventhub-username", "username"],
      ["eh-telemetry-connection", "password"]]);
  });
});
