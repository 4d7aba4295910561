import { int, obj, rootSchema, STANDARD_VERBS, str } from "./schema-parts";
import type { JsonSchema, KindDefinition } from "./types";

/**
 * DataflowEndpoint (connectivity.iotoperations.azure.com/v1), the cluster projection of ARM
 * `Microsoft.IoTOperations/instances/dataflowEndpoints` (2026-03-01 schema, domain.md §3.3). `endpointType` picks
 * one `<type>Settings` block. A `secretRef` is the plain name of a Secret in the namespace (no `/key`): the keys
 * are fixed by the method (Sasl → username/password, X509Certificate → client_cert.pem/client_key.pem[/
 * client_intermediate_certs.pem], AccessToken → accessToken).
 */
const ENDPOINT_TYPES = ["DataExplorer", "DataLakeStorage", "FabricOneLake", "Kafka", "LocalStorage", "Mqtt", "OpenTelemetry"];
const HOST_TYPES = ["FabricRT", "EventGrid", "LocalBroker", "Eventhub", "CustomMqtt", "CustomKafka"];
const SYSTEM_MI = "SystemAssignedManagedIdentity";
const USER_MI = "UserAssignedManagedIdentity";

const secretRef = (keys: string): JsonSchema =>
  obj(`A Secret in the endpoint's namespace holding ${keys}.`, { secretRef: str("Name of the Secret.", { minLength: 1 }) },
    ["secretRef"]);

const systemAssigned = obj("Authenticate with the extension's system-assigned managed identity.", {
  audience: str("Audience of the token; the service's default when empty."),
});
const userAssigned = obj("Authenticate with a user-assigned managed identity.", {
  clientId: str("Client id of the identity.", { minLength: 1 }),
  tenantId: str("Tenant id of the identity.", { minLength: 1 }),
  scope: str("Scope of the token; the service's default when empty."),
}, ["clientId", "tenantId"]);
const serviceAccountToken = obj("Authenticate with a Kubernetes service account token.", {
  audience: str("Audience of the token.", { minLength: 1 }),
}, ["audience"]);
const x509 = secretRef("client_cert.pem, client_key.pem and optionally client_intermediate_certs.pem");

function authentication(methods: string[], blocks: Record<string, JsonSchema>): JsonSchema {
  return obj("How the data flow authenticates to the endpoint.", {
    method: str(`One of: ${methods.join(", ")}.`, { enum: methods }), ...blocks,
  }, ["method"]);
}

const tls = obj("TLS to the endpoint.", {
  mode: str("Enabled or Disabled.", { enum: ["Enabled", "Disabled"] }),
  trustedCaCertificateConfigMapRef: str("ConfigMap with the trusted CA certificates."),
});
const batching = obj("Batching of messages sent to the endpoint.", {
  mode: str("Enabled or Disabled.", { enum: ["Enabled", "Disabled"] }),
  latencyMs: int("Maximum delay before a batch is sent, in milliseconds."),
  latencySeconds: int("Maximum delay before a batch is sent, in seconds."),
  maxBytes: int("Maximum batch size in bytes."),
  maxMessages: int("Maximum messages in a batch."),
});
const managedIdentityBlocks = {
  systemAssignedManagedIdentitySettings: systemAssigned,
  userAssignedManagedIdentitySettings: userAssigned,
};
const host = str("Host (and port) of the endpoint.", { minLength: 1 });

const kafkaSettings = obj("Kafka (including Event Hubs and Fabric Real-Time Intelligence) endpoint.", {
  host,
  authentication: authentication([SYSTEM_MI, USER_MI, "Sasl", "X509Certificate", "Anonymous"], {
    ...managedIdentityBlocks,
    saslSettings: obj("SASL credentials.", {
      saslType: str("Plain, ScramSha256 or ScramSha512.", { enum: ["Plain", "ScramSha256", "ScramSha512"] }),
      secretRef: str("Secret with keys username and password (Event Hubs: username $ConnectionString).", { minLength: 1 }),
    }, ["saslType", "secretRef"]),
    x509CertificateSettings: x509,
  }),
  tls,
  batching,
  consumerGroupId: str("Consumer group id."),
  compression: str("None, Gzip, Snappy or Lz4.", { enum: ["None", "Gzip", "Snappy", "Lz4"] }),
  kafkaAcks: str("Zero, One or All.", { enum: ["Zero", "One", "All"] }),
  partitionStrategy: str("Default, Static, Topic or Property.", { enum: ["Default", "Static", "Topic", "Property"] }),
  copyMqttProperties: str("Enabled or Disabled.", { enum: ["Enabled", "Disabled"] }),
  cloudEventAttributes: str("Propagate or CreateOrRemap.", { enum: ["Propagate", "CreateOrRemap"] }),
}, ["host", "authentication"]);

const mqttSettings = obj("MQTT broker endpoint (the local broker, Event Grid or a custom broker).", {
  host: str("Host and port of the broker."),
  protocol: str("Mqtt or WebSockets.", { enum: ["Mqtt", "WebSockets"] }),
  authentication: authentication([SYSTEM_MI, USER_MI, "ServiceAccountToken", "X509Certificate", "Anonymous"], {
    ...managedIdentityBlocks,
    serviceAccountTokenSettings: serviceAccountToken,
    x509CertificateSettings: x509,
  }),
  tls,
  clientIdPrefix: str("Prefix of the MQTT client ids."),
  keepAliveSeconds: int("Keep-alive interval."),
  maxInflightMessages: int("Maximum unacknowledged messages."),
  qos: int("QoS of published messages (0 or 1).", { minimum: 0, maximum: 1 }),
  retain: str("Keep or Never.", { enum: ["Keep", "Never"] }),
  sessionExpirySeconds: int("Session expiry interval."),
  cloudEventAttributes: str("Propagate or CreateOrRemap.", { enum: ["Propagate", "CreateOrRemap"] }),
});

const dataLakeStorageSettings = obj("Azure Data Lake Storage Gen2 endpoint.", {
  host,
  authentication: authentication([SYSTEM_MI, USER_MI, "AccessToken"], {
    ...managedIdentityBlocks,
    accessTokenSettings: secretRef("the key accessToken (a SAS token without the leading ?)"),
  }),
  batching,
}, ["host", "authentication"]);

const managedIdentityOnly = (description: string, extra: Record<string, JsonSchema>): JsonSchema => obj(description, {
  host, authentication: authentication([SYSTEM_MI, USER_MI], managedIdentityBlocks), batching, ...extra,
}, ["host", "authentication"]);

const openTelemetrySettings = obj("OpenTelemetry collector endpoint.", {
  host,
  authentication: authentication(["ServiceAccountToken", "X509Certificate", "Anonymous"], {
    serviceAccountTokenSettings: serviceAccountToken,
    x509CertificateSettings: x509,
    anonymousSettings: obj("No credentials.", {}),
  }),
  tls,
  batching,
}, ["host", "authentication"]);

export const dataflowEndpointKind: KindDefinition = {
  group: "connectivity.iotoperations.azure.com",
  version: "v1",
  kind: "DataflowEndpoint",
  listKind: "DataflowEndpointList",
  plural: "dataflowendpoints",
  singular: "dataflowendpoint",
  namespaced: true,
  subresources: { status: true },
  verbs: STANDARD_VERBS,
  schema: rootSchema("DataflowEndpoint is a source or destination of data flows, with its connection and credentials.", {
    spec: obj("Desired state of the endpoint.", {
      endpointType: str(`One of: ${ENDPOINT_TYPES.join(", ")}.`, { enum: ENDPOINT_TYPES }),
      hostType: str(`One of: ${HOST_TYPES.join(", ")}.`, { enum: HOST_TYPES }),
      kafkaSettings,
      mqttSettings,
      dataLakeStorageSettings,
      dataExplorerSettings: managedIdentityOnly("Azure Data Explorer endpoint.", {
        database: str("Database name.", { minLength: 1 }),
      }),
      fabricOneLakeSettings: managedIdentityOnly("Microsoft Fabric OneLake endpoint.", {
        names: obj("Lakehouse and workspace.", { lakehouseName: str("Lakehouse name."), workspaceName: str("Workspace name.") }),
        oneLakePathType: str("Files or Tables.", { enum: ["Files", "Tables"] }),
      }),
      localStorageSettings: obj("Local storage endpoint.", {
        persistentVolumeClaimRef: str("Persistent volume claim to write to.", { minLength: 1 }),
      }, ["persistentVolumeClaimRef"]),
      openTelemetrySettings,
    }, ["endpointType"]),
    status: obj("State reported back (ARM's read-only provisioningState and healthState).", {
      provisioningState: str("Provisioning state, e.g. Succeeded."),
      healthState: str("Available, Degraded, Unavailable or Unknown."),
    }),
  }),
  printerColumns: [
    { name: "Type", type: "string", jsonPath: ".spec.endpointType", description: "Endpoint type." },
    { name: "Host Type", type: "string", jsonPath: ".spec.hostType", description: "Kind of host." },
  ],
};
