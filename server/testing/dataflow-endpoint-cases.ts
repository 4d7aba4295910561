import { ecPair } from "@/lib/pem/testing/pem-fixtures";

/**
 * One save per endpoint type and method, with what it must leave: the DataflowEndpoint (a hand-written fixture,
 * server/services/dataflow-endpoint-save/fixtures) and the synced secret's keys, each to its Key Vault secret.
 * Used by the unit tests (fake cluster) and the stack test (the stand-in, which refuses unknown fields).
 */
export interface SaveCase {
  title: string;
  fixture: string;
  /** Key Vault secrets that exist before the save (picked with Add from Azure Key Vault). */
  vaultNames: string[];
  /** The body as the form sends it (without idempotencyKey); `n` makes names unique per run where needed. */
  body: () => Promise<Record<string, unknown>>;
  /** The synced secret: its name and key → Key Vault secret; null when the method has none. */
  secret: { name: string; keys: Record<string, string> } | null;
  /** Key Vault secrets the save creates. */
  created: string[];
}

/** New secret values: none may come out of the service. */
export const CONNECTION_STRING = "Endpoint=sb://contoso-eh.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;" +
  "SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";
export const SAS_TOKEN = "sv=2022-11-02&ss=b&srt=co&sp=rwlac&se=2027-01-01T00:00:00Z&sig=dGVzdC1zaWduYXR1cmU%3D";

const created = (keyVaultSecretName: string, value: string) => ({ source: "new", keyVaultSecretName, value });
const picked = (keyVaultSecretName: string) => ({ source: "existing", keyVaultSecretName });

export const SAVE_CASES: SaveCase[] = [
  {
    title: "MQTT, local broker, service account token",
    fixture: "mqtt-local-broker-sat.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "local-mqtt", endpointType: "Mqtt", hostType: "LocalBroker", host: "aio-broker:18883",
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "azure-iot-operations-aio-ca-trust-bundle" },
      authentication: { method: "ServiceAccountToken", audience: "aio-internal" } }),
  },
  {
    title: "MQTT, Event Grid, system-assigned managed identity",
    fixture: "mqtt-event-grid-system-mi.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "event-grid", endpointType: "Mqtt", hostType: "EventGrid",
      host: "contoso-ns.westeurope-1.ts.eventgrid.azure.net:8883", tls: { mode: "Enabled" },
      authentication: { method: "SystemAssignedManagedIdentity" } }),
  },
  {
    title: "MQTT, custom broker, X.509 (new certificate and key, picked intermediate)",
    fixture: "mqtt-custom-x509.yaml", vaultNames: ["contoso-intermediates"],
    secret: { name: "plant-mqtt-x509", keys: { "client_cert.pem": "plant-mqtt-cert", "client_key.pem": "plant-mqtt-key",
      "client_intermediate_certs.pem": "contoso-intermediates" } },
    created: ["plant-mqtt-cert", "plant-mqtt-key"],
    body: async () => {
      const pair = await ecPair({ subject: "CN=plant-mqtt, O=Contoso" });
      return { name: "plant-mqtt", endpointType: "Mqtt", hostType: "CustomMqtt", host: "mqtt.contoso.example:8883",
        tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "contoso-ca" }, syncedSecretName: "plant-mqtt-x509",
        authentication: { method: "X509Certificate", certificate: created("plant-mqtt-cert", pair.certPem),
          key: created("plant-mqtt-key", pair.keyPem), intermediateCertificates: picked("contoso-intermediates") } };
    },
  },
  {
    title: "Kafka, Event Hubs, SASL (username from the shared $ConnectionString secret)",
    fixture: "kafka-event-hubs-sasl.yaml", vaultNames: [],
    secret: { name: "eh-telemetry-sasl", keys: { username: "ops-portal-eventhub-username", password: "eh-telemetry-connection" } },
    created: ["ops-portal-eventhub-username", "eh-telemetry-connection"],
    body: async () => ({ name: "eh-telemetry", endpointType: "Kafka", hostType: "Eventhub",
      host: "contoso-eh.servicebus.windows.net:9093", tls: { mode: "Enabled" }, syncedSecretName: "eh-telemetry-sasl",
      authentication: { method: "Sasl", saslType: "Plain", password: created("eh-telemetry-connection", CONNECTION_STRING) } }),
  },
  {
    title: "Kafka, Fabric Real-Time Intelligence, SASL",
    fixture: "kafka-fabric-rti-sasl.yaml", vaultNames: ["fabric-es-connection"],
    secret: { name: "fabric-rti-sasl", keys: { username: "ops-portal-eventhub-username", password: "fabric-es-connection" } },
    created: ["ops-portal-eventhub-username"],
    body: async () => ({ name: "fabric-rti", endpointType: "Kafka", hostType: "FabricRT",
      host: "esehwestus2abcd.servicebus.windows.net:9093", tls: { mode: "Enabled" }, syncedSecretName: "fabric-rti-sasl",
      authentication: { method: "Sasl", saslType: "Plain", password: picked("fabric-es-connection") } }),
  },
  {
    title: "Kafka, custom broker, SASL SCRAM-SHA-512, batching",
    fixture: "kafka-custom-scram-sha512.yaml", vaultNames: ["plant-kafka-user"],
    secret: { name: "plant-kafka-sasl", keys: { username: "plant-kafka-user", password: "plant-kafka-pass" } },
    created: ["plant-kafka-pass"],
    body: async () => ({ name: "plant-kafka", endpointType: "Kafka", hostType: "CustomKafka", host: "kafka.contoso.example:9093",
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "contoso-ca" },
      batching: { mode: "Enabled", latencyMs: 5, maxBytes: 1000000, maxMessages: 100000 }, syncedSecretName: "plant-kafka-sasl",
      authentication: { method: "Sasl", saslType: "ScramSha512", username: picked("plant-kafka-user"),
        password: created("plant-kafka-pass", "Kafka-Pa55-word") } }),
  },
  {
    title: "Data Explorer, system-assigned managed identity (no secret anywhere)",
    fixture: "data-explorer-system-mi.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "adx-telemetry", endpointType: "DataExplorer", host: "https://contoso-adx.westeurope.kusto.windows.net",
      database: "telemetry", batching: { latencySeconds: 60, maxMessages: 100000 },
      authentication: { method: "SystemAssignedManagedIdentity", audience: "" } }),
  },
  {
    title: "Data Lake Storage, access token (new SAS token)",
    fixture: "data-lake-access-token.yaml", vaultNames: [],
    secret: { name: "adls-sas-token", keys: { accessToken: "adls-archive-sas" } }, created: ["adls-archive-sas"],
    body: async () => ({ name: "adls-sas", endpointType: "DataLakeStorage", host: "https://contosoarchive.blob.core.windows.net",
      syncedSecretName: "adls-sas-token", authentication: { method: "AccessToken", accessToken: created("adls-archive-sas", SAS_TOKEN) } }),
  },
  {
    title: "Fabric OneLake, user-assigned managed identity",
    fixture: "fabric-onelake-user-mi.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "onelake", endpointType: "FabricOneLake", host: "https://onelake.dfs.fabric.microsoft.com",
      lakehouseName: "telemetry-lh", workspaceName: "contoso-ws", oneLakePathType: "Tables",
      batching: { latencySeconds: 60, maxMessages: 100000 },
      authentication: { method: "UserAssignedManagedIdentity", clientId: "11111111-2222-4333-8444-555555555555",
        tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", scope: "https://storage.azure.com/.default" } }),
  },
  {
    title: "OpenTelemetry, anonymous",
    fixture: "open-telemetry-anonymous.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "otel", endpointType: "OpenTelemetry", host: "otel-collector.monitoring.svc.cluster.local:4317",
      tls: { mode: "Disabled" }, batching: { latencySeconds: 5, maxMessages: 100 }, authentication: { method: "Anonymous" } }),
  },
  {
    title: "Local storage",
    fixture: "local-storage.yaml", vaultNames: [], secret: null, created: [],
    body: async () => ({ name: "local-archive", endpointType: "LocalStorage", persistentVolumeClaimRef: "dataflow-archive-pvc" }),
  },
];
