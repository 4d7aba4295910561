import "server-only";
import type { DataflowAuthenticationMethod, DataflowEndpointType, DataflowSecretField } from "@/lib/schemas/dataflow-endpoint-form";
import { DATAFLOW_SECRET_KEYS } from "@/lib/schemas/dataflow-endpoint-form";

/**
 * Where a DataflowEndpoint keeps each part (domain.md §3.3): one `<type>Settings` block per endpoint type, and in
 * its `authentication` one `<method>Settings` block per method. Shared by the save (form → spec) and the read
 * (spec → form), so both name the same blocks.
 */
export const SETTINGS_BLOCK: Record<DataflowEndpointType, string> = {
  Mqtt: "mqttSettings",
  Kafka: "kafkaSettings",
  DataExplorer: "dataExplorerSettings",
  DataLakeStorage: "dataLakeStorageSettings",
  FabricOneLake: "fabricOneLakeSettings",
  OpenTelemetry: "openTelemetrySettings",
  LocalStorage: "localStorageSettings",
};

export const METHOD_BLOCK: Record<DataflowAuthenticationMethod, string> = {
  SystemAssignedManagedIdentity: "systemAssignedManagedIdentitySettings",
  UserAssignedManagedIdentity: "userAssignedManagedIdentitySettings",
  ServiceAccountToken: "serviceAccountTokenSettings",
  X509Certificate: "x509CertificateSettings",
  Sasl: "saslSettings",
  AccessToken: "accessTokenSettings",
  Anonymous: "anonymousSettings",
};

/** The methods each type offers (the form's unions; AIO's schema per settings block). */
export const TYPE_METHODS: Record<DataflowEndpointType, readonly DataflowAuthenticationMethod[]> = {
  Mqtt: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "ServiceAccountToken", "X509Certificate", "Anonymous"],
  Kafka: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "Sasl", "X509Certificate", "Anonymous"],
  DataExplorer: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity"],
  DataLakeStorage: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity", "AccessToken"],
  FabricOneLake: ["SystemAssignedManagedIdentity", "UserAssignedManagedIdentity"],
  OpenTelemetry: ["ServiceAccountToken", "X509Certificate", "Anonymous"],
  LocalStorage: [],
};

/** The secret fields of each method with a secret, in the order its keys are written. */
export const METHOD_SECRET_FIELDS: Partial<Record<DataflowAuthenticationMethod, { field: DataflowSecretField; required: boolean }[]>> = {
  Sasl: [{ field: "username", required: true }, { field: "password", required: true }],
  X509Certificate: [{ field: "certificate", required: true }, { field: "key", required: true },
    { field: "intermediateCertificates", required: false }],
  AccessToken: [{ field: "accessToken", required: true }],
};

export const secretKeyOf = (field: DataflowSecretField): string => DATAFLOW_SECRET_KEYS[field];

/** Every settings block name, to remove the others when an endpoint changes type (a resource has exactly one). */
export const ALL_SETTINGS_BLOCKS = Object.values(SETTINGS_BLOCK);

/** Kinds with `tls`, and which batching each has (AIO's names: Kafka counts milliseconds and bytes). */
export const HAS_TLS: readonly DataflowEndpointType[] = ["Mqtt", "Kafka", "OpenTelemetry"];

export const isEndpointType = (t: string): t is DataflowEndpointType => Object.hasOwn(SETTINGS_BLOCK, t);
