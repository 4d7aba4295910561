import { bool, int, obj, rootSchema, STANDARD_VERBS, str } from "./schema-parts";
import type { JsonSchema, KindDefinition } from "./types";

/**
 * How a connector authenticates to the device (Device Registry's HostAuthentication, domain.md §3.2). Secret fields
 * name a synced secret and key as `<syncedSecretName>/<key>` when written through the synced-secret flow.
 */
const authentication = obj("How the connector authenticates to this endpoint.", {
  method: str("Anonymous, Certificate or UsernamePassword.", { enum: ["Anonymous", "Certificate", "UsernamePassword"] }),
  usernamePasswordCredentials: obj("Secret references used when method is UsernamePassword.", {
    usernameSecretName: str("Secret reference of the user name, e.g. edp1secrets/username.", { minLength: 1 }),
    passwordSecretName: str("Secret reference of the password, e.g. edp1secrets/password.", { minLength: 1 }),
  }, ["usernameSecretName", "passwordSecretName"]),
  x509Credentials: obj("Secret references used when method is Certificate.", {
    certificateSecretName: str("Secret reference of the client certificate and private key.", { minLength: 1 }),
    keySecretName: str("Secret reference of the private key, when kept apart from the certificate."),
    intermediateCertificatesSecretName: str("Secret reference of intermediate certificates."),
  }, ["certificateSecretName"]),
}, ["method"]);

const inboundEndpoint = obj("An endpoint the connector uses to reach the device.", {
  address: str("Endpoint address, e.g. opc.tcp://10.0.0.12:4840.", { minLength: 1 }),
  endpointType: str("Connector type, e.g. Microsoft.OpcUa or Microsoft.Onvif.", { minLength: 1 }),
  version: str("Protocol version of the endpoint."),
  additionalConfiguration: str("Stringified JSON with connector-specific settings."),
  authentication,
  trustSettings: obj("Server trust settings.", {
    trustList: str("Secret reference of the trusted certificates list."),
  }),
}, ["address", "endpointType"]);

const outboundEndpoint = obj("An endpoint the device connects to.", {
  address: str("Endpoint address.", { minLength: 1 }),
  endpointType: str("Type of connection."),
}, ["address"]);

const endpointMap = (description: string, value: JsonSchema): JsonSchema =>
  ({ type: "object", description, additionalProperties: value });

const statusError = obj("An error reported from the edge.", {
  code: str("Error code, e.g. 400."),
  message: str("Human-readable message."),
});

/**
 * Device (namespaces.deviceregistry.microsoft.com/v1): the cluster projection of ARM
 * `Microsoft.DeviceRegistry/namespaces/devices` (2025-10-01). Inbound endpoints are a map keyed by endpoint name,
 * each with its authentication; `status` carries what the edge reports.
 */
export const deviceKind: KindDefinition = {
  group: "namespaces.deviceregistry.microsoft.com",
  version: "v1",
  kind: "Device",
  listKind: "DeviceList",
  plural: "devices",
  singular: "device",
  namespaced: true,
  subresources: { status: true },
  verbs: STANDARD_VERBS,
  schema: rootSchema("Device is a physical or logical device that connectors reach through its inbound endpoints.", {
    spec: obj("Desired state of the device.", {
      enabled: bool("Whether the device is enabled."),
      externalDeviceId: str("Device id in an external system."),
      discoveredDeviceRef: str("Discovered device this one was created from."),
      manufacturer: str("Device manufacturer."),
      model: str("Device model."),
      operatingSystem: str("Device operating system."),
      operatingSystemVersion: str("Device operating system version."),
      attributes: { type: "object", description: "Custom key/value attributes.",
        "x-kubernetes-preserve-unknown-fields": true },
      endpoints: obj("Endpoints of the device.", {
        inbound: endpointMap("Endpoints connectors use to reach the device, by name.", inboundEndpoint),
        outbound: obj("Endpoints the device connects to.", {
          assigned: endpointMap("Assigned endpoints, by name.", outboundEndpoint),
          unassigned: endpointMap("Recently removed endpoints, by name.", outboundEndpoint),
        }),
      }),
      version: int("Incremented on every change of the device's configuration."),
    }),
    status: obj("State reported from the edge.", {
      config: obj("Configuration status.", {
        version: int("Version of the configuration the edge applied."),
        lastTransitionTime: str("When the configuration last changed.", { format: "date-time" }),
        error: statusError,
      }),
      endpoints: obj("Per-endpoint status.", {
        inbound: endpointMap("Inbound endpoint status, by name.", obj("Status of one endpoint.", { error: statusError })),
      }),
    }),
  }),
  printerColumns: [
    { name: "Enabled", type: "boolean", jsonPath: ".spec.enabled", description: "Whether the device is enabled." },
    { name: "Manufacturer", type: "string", jsonPath: ".spec.manufacturer", description: "Device manufacturer." },
    { name: "Model", type: "string", jsonPath: ".spec.model", description: "Device model." },
  ],
};
