/** How the pages name endpoint types, host types and methods (AIO's own words in the operations experience). */

export const DATAFLOW_ENDPOINT_TYPE_LABELS: Record<string, string> = {
  Mqtt: "MQTT",
  Kafka: "Kafka",
  DataExplorer: "Azure Data Explorer",
  DataLakeStorage: "Azure Data Lake Storage Gen2",
  FabricOneLake: "Microsoft Fabric OneLake",
  OpenTelemetry: "OpenTelemetry",
  LocalStorage: "Local storage",
};

export const DATAFLOW_HOST_TYPE_LABELS: Record<string, string> = {
  LocalBroker: "Local MQTT broker",
  EventGrid: "Azure Event Grid",
  CustomMqtt: "Custom MQTT broker",
  Eventhub: "Azure Event Hubs",
  FabricRT: "Microsoft Fabric Real-Time Intelligence",
  CustomKafka: "Custom Kafka broker",
};

export const DATAFLOW_AUTHENTICATION_METHOD_LABELS: Record<string, string> = {
  SystemAssignedManagedIdentity: "System-assigned managed identity",
  UserAssignedManagedIdentity: "User-assigned managed identity",
  ServiceAccountToken: "Kubernetes service account token",
  X509Certificate: "X.509 certificate",
  Sasl: "SASL",
  AccessToken: "Access token (SAS)",
  Anonymous: "Anonymous",
};

/** "Kafka · Azure Event Hubs"; an unknown type or host type is shown as it is written. */
export function dataflowTypeLabel(endpointType: string, hostType: string | null | undefined): string {
  const type = DATAFLOW_ENDPOINT_TYPE_LABELS[endpointType] ?? endpointType;
  return hostType ? `${type} · ${DATAFLOW_HOST_TYPE_LABELS[hostType] ?? hostType}` : type;
}
