import { describe, expect, it } from "vitest";
import { ecPair } from "@/lib/pem/testing/pem-fixtures";
import { CONNECTION_STRING } from "@/server/testing/dataflow-endpoint-cases";
import {
  createRequest, dataflowHarness, existing, failure, fieldMessages, KEY, putEndpoint, putSecretSync, updateRequest, writes,
} from "@/server/testing/dataflow-endpoint-save-fixtures";
import { putDevice } from "@/server/testing/device-save-fixtures";

const made = (keyVaultSecretName: string, value: string) => ({ source: "new", keyVaultSecretName, value });
const kafka = (o: Record<string, unknown> = {}) => ({ name: "plant-kafka", endpointType: "Kafka", hostType: "CustomKafka",
  host: "kafka.contoso.example:9093", tls: { mode: "Enabled" }, syncedSecretName: "plant-kafka-sasl",
  authentication: { method: "Sasl", saslType: "ScramSha512", username: existing("kafka-user"), password: existing("kafka-pass") }, ...o });
const sasl = (synced: string) => ({ endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "k:9093",
  authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: synced } } } });

describe("data flow endpoint form: bad input per type gets field messages (the route answers 400 and writes nothing)", () => {
  it.each([
    ["Mqtt", { name: "m-1", endpointType: "Mqtt", hostType: "CustomMqtt", host: "mqtt://broker:1883", tls: { mode: "Enabled" },
      authentication: { method: "Anonymous" } }, "host", "Leave out the scheme: use host:port, e.g. aio-broker:18883"],
    ["Kafka", kafka({ host: "kafka.contoso.example" }), "host", "Use host:port, e.g. <namespace>.servicebus.windows.net:9093"],
    ["Kafka (Event Hubs)", kafka({ hostType: "Eventhub", host: "ns.servicebus.windows.net:9092",
      authentication: { method: "Sasl", saslType: "Plain", password: existing("eh") } }), "host",
    "Event Hubs takes Kafka clients on port 9093, e.g. <namespace>.servicebus.windows.net:9093"],
    ["DataExplorer", { name: "adx", endpointType: "DataExplorer", host: "http://adx.kusto.windows.net", database: "db",
      authentication: { method: "SystemAssignedManagedIdentity" } }, "host", "Use an https:// URL, e.g. https://<cluster>.<region>.kusto.windows.net"],
    ["DataLakeStorage", { name: "adls", endpointType: "DataLakeStorage", host: "https://a.blob.core.windows.net/?sv=1",
      authentication: { method: "SystemAssignedManagedIdentity" } }, "host", "Leave out the query and fragment (a SAS token goes in its own field)"],
    ["OpenTelemetry", { name: "otel", endpointType: "OpenTelemetry", host: "collector:70000", tls: { mode: "Disabled" },
      authentication: { method: "Anonymous" } }, "host", "Use a port from 1 to 65535"],
  ])("%s: a bad host", async (_type, body, field, message) => {
    expect((await fieldMessages(body, KEY))[field]).toEqual([message]);
  });

  it.each([
    ["DataExplorer without a database", { name: "adx", endpointType: "DataExplorer", host: "https://a.kusto.windows.net",
      database: "", authentication: { method: "SystemAssignedManagedIdentity" } }, "database", "Enter the database name"],
    ["FabricOneLake without a lakehouse", { name: "onelake", endpointType: "FabricOneLake", host: "https://onelake.dfs.fabric.microsoft.com",
      lakehouseName: "", workspaceName: "ws", oneLakePathType: "Files", authentication: { method: "SystemAssignedManagedIdentity" } },
    "lakehouseName", "Enter the lakehouse name"],
    ["LocalStorage without a claim", { name: "local", endpointType: "LocalStorage", persistentVolumeClaimRef: "" },
      "persistentVolumeClaimRef", "Enter the persistent volume claim's name"],
    ["a service account token without an audience", { name: "mq", endpointType: "Mqtt", hostType: "LocalBroker", host: "aio-broker:18883",
      tls: { mode: "Enabled" }, authentication: { method: "ServiceAccountToken", audience: " " } }, "authentication.audience", "Enter the token's audience"],
    ["a user-assigned identity without a client ID", { name: "adx", endpointType: "DataExplorer", host: "https://a.kusto.windows.net",
      database: "db", authentication: { method: "UserAssignedManagedIdentity", clientId: "", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" } },
    "authentication.clientId", "Enter the identity's client ID (a GUID)"],
    ["SASL without a synced secret name", kafka({ syncedSecretName: "" }), "syncedSecretName", "Enter a synced secret name for this endpoint's secret"],
    ["custom Kafka SASL without a username", kafka({ authentication: { method: "Sasl", saslType: "Plain", password: existing("p") } }),
      "authentication.username", "Add a reference for the username"],
    ["a method the type does not offer", kafka({ authentication: { method: "AccessToken", accessToken: existing("t") } }),
      "authentication.method", "Choose an authentication method this endpoint type supports"],
  ])("%s", async (_what, body, field, message) => {
    expect((await fieldMessages(body, KEY))[field]).toEqual([message]);
  });

  it("a SAS token with the leading '?', or without a signature", async () => {
    const adls = (value: string) => ({ name: "adls", endpointType: "DataLakeStorage", host: "https://a.blob.core.windows.net",
      syncedSecretName: "adls-sas", authentication: { method: "AccessToken", accessToken: made("adls-sas", value) } });
    expect((await fieldMessages(adls("?sv=2022-11-02&sig=x"), KEY))["authentication.accessToken"])
      .toEqual(["Leave out the leading '?': the endpoint takes the SAS token without it"]);
    expect((await fieldMessages(adls("sv=2022-11-02&se=2027-01-01"), KEY))["authentication.accessToken"])
      .toEqual(["Not a SAS token: it has no sig= (e.g. sv=2022-11-02&ss=b&srt=co&sp=rwlac&se=…&sig=…)"]);
    expect((await fieldMessages(adls("https://a.blob.core.windows.net/c?sv=1&sig=2"), KEY))["authentication.accessToken"])
      .toEqual(["Paste only the SAS token (the part after '?'), not the whole URL"]);
  });

  it("Event Hubs: a password that is not a connection string, a username given, a SASL type other than Plain", async () => {
    const eh = (auth: Record<string, unknown>) => kafka({ hostType: "Eventhub", host: "ns.servicebus.windows.net:9093",
      authentication: { method: "Sasl", saslType: "Plain", password: made("eh-conn", CONNECTION_STRING), ...auth } });
    expect((await fieldMessages(eh({ password: made("eh-conn", "just-a-key") }), KEY))["authentication.password"])
      .toEqual(["Paste the connection string, e.g. Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>"]);
    expect((await fieldMessages(eh({ password: made("eh-conn", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=p") }), KEY))["authentication.password"])
      .toEqual(["The connection string has no SharedAccessKey"]);
    const messages = await fieldMessages(eh({ username: existing("eh-user"), saslType: "ScramSha256" }), KEY);
    expect(messages["authentication.username"]).toEqual(["Leave the username out: Event Hubs and Fabric RTI take the literal " +
      "$ConnectionString, which the portal supplies"]);
    expect(messages["authentication.saslType"]).toEqual(["Event Hubs and Fabric RTI take SASL Plain"]);
  });

  it("a malformed PEM, and a new key that does not belong to the new certificate", async () => {
    const [a, b] = await Promise.all([ecPair(), ecPair()]);
    const x509 = (certificate: string, key: string) => ({ name: "plant-mqtt", endpointType: "Mqtt", hostType: "CustomMqtt",
      host: "mqtt.contoso.example:8883", tls: { mode: "Enabled" }, syncedSecretName: "plant-mqtt-x509",
      authentication: { method: "X509Certificate", certificate: made("c", certificate), key: made("k", key) } });
    const malformed = await fieldMessages(x509("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", a.keyPem), KEY);
    expect(malformed["authentication.certificate"]).toHaveLength(1);
    expect(malformed["authentication.key"]).toBeUndefined();
    const mismatch = await fieldMessages(x509(a.certPem, b.keyPem), KEY);
    expect(mismatch["authentication.key"]).toHaveLength(1);
    expect(mismatch["authentication.certificate"]).toBeUndefined();
  });
});

describe("data flow endpoint save: refusals at step 0 write nothing", () => {
  it("a synced secret another endpoint uses with other Key Vault secrets: 400 at the field", async () => {
    const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass", "other-pass"], objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plant-kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putEndpoint(h.cluster, "line-kafka", sasl("plant-kafka-sasl"));
    const err = await failure(h.service.save(await createRequest(kafka({ authentication: { method: "Sasl", saslType: "ScramSha512",
      username: existing("kafka-user"), password: existing("other-pass") } }), KEY), { dryRun: false }));
    expect(err).toMatchObject({ status: 400, errors: { "authentication.password": ["Key 'password' of synced secret " +
      "'plant-kafka-sasl' refers to Key Vault secret 'kafka-pass', and data flow endpoint 'line-kafka' uses it: endpoints " +
      "that share a synced secret use the same Key Vault secrets. Pick that secret, or use another synced secret name."] } });
    expect(writes(h.cluster)).toEqual([]);
    expect(h.vault.calls.set).toBe(0);
  });

  it("the same synced secret with the same Key Vault secrets is shared", async () => {
    const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass"], objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plant-kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putEndpoint(h.cluster, "line-kafka", sasl("plant-kafka-sasl"));
    const saved = await h.service.save(await createRequest(kafka(), KEY), { dryRun: false });
    expect(saved.result.plan.secretSyncs).toMatchObject([{ name: "plant-kafka-sasl", action: "unchanged", keysAdded: [], keysRemoved: [] }]);
  });

  it("a synced secret a device uses: 409 at the synced secret name (one serves devices or data flow endpoints)", async () => {
    const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass"], objects: ["kafka-user", "kafka-pass"] });
    putSecretSync(h.cluster, "plant-kafka-sasl", [["kafka-user", "username"], ["kafka-pass", "password"]]);
    putDevice(h.cluster, "plc-1", { opc: { address: "opc.tcp://a:4840", endpointType: "Microsoft.OpcUa", authentication: {
      method: "UsernamePassword", usernamePasswordCredentials: { usernameSecretName: "plant-kafka-sasl/username",
        passwordSecretName: "plant-kafka-sasl/password" } } } });
    const err = await failure(h.service.save(await createRequest(kafka(), KEY), { dryRun: false }));
    expect(err).toMatchObject({ status: 409, errors: { syncedSecretName: ["Synced secret 'plant-kafka-sasl' is used by device " +
      "'plc-1' (<synced secret>/<key>); a synced secret serves devices or data flow endpoints, never both. Use another synced secret name."] } });
    expect(writes(h.cluster)).toEqual([]);
  });

  it("a synced secret made by another tool that would need new keys: 409, never changed", async () => {
    const h = dataflowHarness({ vaultNames: ["kafka-user", "kafka-pass"], objects: ["kafka-user"] });
    putSecretSync(h.cluster, "plant-kafka-sasl", [["kafka-user", "username"]], { portal: false, manager: "kubectl-client-side-apply" });
    const err = await failure(h.service.save(await createRequest(kafka(), KEY), { dryRun: false }));
    expect(err.status).toBe(409);
    expect(err.errors?.syncedSecretName?.[0]).toMatch(/^Synced secret 'plant-kafka-sasl' was made by 'kubectl-client-side-apply'/);
    expect(writes(h.cluster)).toEqual([]);
  });

  it("a taken name on create, a changed endpoint on update, a missing Key Vault pick", async () => {
    const h = dataflowHarness({ vaultNames: ["kafka-user"] });
    const stored = putEndpoint(h.cluster, "plant-kafka", sasl("plant-kafka-sasl"));
    expect(await failure(h.service.save(await createRequest(kafka(), KEY), { dryRun: false }))).toMatchObject({ status: 409,
      errors: { name: ["A data flow endpoint named 'plant-kafka' already exists; choose another name."] } });
    expect(await failure(h.service.save(await updateRequest(kafka(), "1", KEY), { dryRun: false }))).toMatchObject({ status: 409 });
    const missing = await failure(h.service.save(await updateRequest(kafka(), stored.metadata.resourceVersion!, KEY), { dryRun: false }));
    expect(missing).toMatchObject({ status: 400, errors: { "authentication.password": ["Key Vault secret 'kafka-pass' was not " +
      "found in Key Vault 'fake-kv'; pick another."] } });
    expect(writes(h.cluster)).toEqual([]);
  });

  it("the shared $ConnectionString secret held by a deleted secret: 409, nothing written", async () => {
    const h = dataflowHarness({ vaultNames: ["ops-portal-eventhub-username", "eh-conn"] });
    h.vault.external.softDelete("ops-portal-eventhub-username");
    const err = await failure(h.service.save(await createRequest(kafka({ hostType: "Eventhub", host: "ns.servicebus.windows.net:9093",
      authentication: { method: "Sasl", saslType: "Plain", password: existing("eh-conn") } }), KEY), { dryRun: false }));
    expect(err).toMatchObject({ status: 409 });
    expect(err.detail).toContain("'ops-portal-eventhub-username' is deleted");
    expect(writes(h.cluster)).toEqual([]);
    expect(h.vault.calls.set).toBe(0);
  });
});
