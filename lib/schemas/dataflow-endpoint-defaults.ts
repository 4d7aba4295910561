import type {
  DataflowEndpointFormInput, DataflowEndpointType, KafkaHostType, MqttHostType,
} from "@/lib/schemas/dataflow-endpoint-form";

/**
 * What a new data flow endpoint starts as, per type and host type: the values AIO's documentation gives for each
 * (the local broker's address, audience and CA bundle; Event Grid on 8883 with the system-assigned identity; Event
 * Hubs on 9093 with SASL Plain and TLS; the Azure services with the system-assigned identity; OneLake's one host).
 * Hosts the operator must fill in are placeholders, not values.
 */
export const DATAFLOW_ENDPOINT_DEFAULTS = {
  localBroker: {
    host: "aio-broker:18883",
    serviceAccountTokenAudience: "aio-internal",
    tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "azure-iot-operations-aio-ca-trust-bundle" },
  },
  eventGrid: { port: 8883, hostPlaceholder: "<namespace>.<region>-1.ts.eventgrid.azure.net:8883" },
  customMqtt: { hostPlaceholder: "mqtt.contoso.example:8883" },
  eventHub: { port: 9093, hostPlaceholder: "<namespace>.servicebus.windows.net:9093", saslType: "Plain" },
  fabricRealTime: { port: 9093, hostPlaceholder: "<eventstream-namespace>.servicebus.windows.net:9093", saslType: "Plain" },
  customKafka: { hostPlaceholder: "kafka.contoso.example:9093" },
  dataLakeStorage: { hostPlaceholder: "https://<account>.blob.core.windows.net" },
  dataExplorer: { hostPlaceholder: "https://<cluster>.<region>.kusto.windows.net" },
  fabricOneLake: { host: "https://onelake.dfs.fabric.microsoft.com", oneLakePathType: "Tables" },
  openTelemetry: { hostPlaceholder: "otel-collector.monitoring.svc.cluster.local:4317" },
} as const;

const tlsOn = { mode: "Enabled", trustedCaCertificateConfigMapRef: "" } as const;
const systemAssigned = { method: "SystemAssignedManagedIdentity", audience: "" } as const;

/** The form's initial values for a new endpoint of this type (and host type, for Mqtt and Kafka). */
export function initialDataflowEndpointForm(endpointType: DataflowEndpointType,
  hostType?: MqttHostType | KafkaHostType): DataflowEndpointFormInput {
  const d = DATAFLOW_ENDPOINT_DEFAULTS;
  const base = { name: "", syncedSecretName: "" };
  switch (endpointType) {
    case "Mqtt": {
      const h = (hostType ?? "LocalBroker") as MqttHostType;
      if (h === "LocalBroker") {
        return { ...base, endpointType, hostType: h, host: d.localBroker.host, tls: { ...d.localBroker.tls },
          authentication: { method: "ServiceAccountToken", audience: d.localBroker.serviceAccountTokenAudience } };
      }
      return { ...base, endpointType, hostType: h, host: "", tls: { ...tlsOn },
        authentication: h === "EventGrid" ? { ...systemAssigned } : { method: "X509Certificate", certificate: null, key: null } };
    }
    case "Kafka": {
      const h = (hostType ?? "Eventhub") as KafkaHostType;
      return { ...base, endpointType, hostType: h, host: "", tls: { ...tlsOn }, batching: {},
        authentication: h === "CustomKafka"
          ? { method: "Sasl", saslType: "ScramSha512", username: null, password: null }
          : { method: "Sasl", saslType: "Plain", username: null, password: null } };
    }
    case "DataExplorer":
      return { ...base, endpointType, host: "", database: "", batching: {}, authentication: { ...systemAssigned } };
    case "DataLakeStorage":
      return { ...base, endpointType, host: "", batching: {}, authentication: { ...systemAssigned } };
    case "FabricOneLake":
      return { ...base, endpointType, host: d.fabricOneLake.host, lakehouseName: "", workspaceName: "",
        oneLakePathType: d.fabricOneLake.oneLakePathType, batching: {}, authentication: { ...systemAssigned } };
    case "OpenTelemetry":
      return { ...base, endpointType, host: "", tls: { ...tlsOn }, batching: {}, authentication: { method: "Anonymous" } };
    case "LocalStorage":
      return { ...base, endpointType, persistentVolumeClaimRef: "" };
  }
}

/** The host field's placeholder for a type and host type (empty when the default is a value). */
export function dataflowHostPlaceholder(endpointType: DataflowEndpointType, hostType?: string): string {
  const d = DATAFLOW_ENDPOINT_DEFAULTS;
  switch (endpointType) {
    case "Mqtt":
      return hostType === "EventGrid" ? d.eventGrid.hostPlaceholder : hostType === "CustomMqtt" ? d.customMqtt.hostPlaceholder : d.localBroker.host;
    case "Kafka":
      return hostType === "FabricRT" ? d.fabricRealTime.hostPlaceholder : hostType === "CustomKafka" ? d.customKafka.hostPlaceholder : d.eventHub.hostPlaceholder;
    case "DataExplorer": return d.dataExplorer.hostPlaceholder;
    case "DataLakeStorage": return d.dataLakeStorage.hostPlaceholder;
    case "FabricOneLake": return d.fabricOneLake.host;
    case "OpenTelemetry": return d.openTelemetry.hostPlaceholder;
    case "LocalStorage": return "";
  }
}
