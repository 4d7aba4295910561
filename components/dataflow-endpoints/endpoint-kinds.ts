import {
  dataLakeStorageAuthentication, kafkaAuthentication, managedIdentityAuthentication, mqttAuthentication,
  openTelemetryAuthentication,
  type DataflowAuthenticationMethod, type DataflowEndpointType, type KafkaHostType, type MqttHostType,
} from "@/lib/schemas/dataflow-endpoint-form";
import { DATAFLOW_ENDPOINT_TYPE_LABELS, DATAFLOW_HOST_TYPE_LABELS } from "@/lib/schemas/dataflow-endpoint-labels";

/**
 * What the operator chooses first: an endpoint type, and for MQTT and Kafka where the broker is (its host type).
 * Each kind has its own settings, defaults and authentication methods.
 */
export interface EndpointKind {
  endpointType: DataflowEndpointType;
  hostType?: MqttHostType | KafkaHostType;
}

export interface KindChoice extends EndpointKind {
  /** Stable id, e.g. `Kafka-Eventhub` (test ids: `dataflow-endpoint-kind-<id>`). */
  id: string;
  label: string;
  description: string;
}

export const kindId = (k: EndpointKind): string => (k.hostType ? `${k.endpointType}-${k.hostType}` : k.endpointType);

const choice = (endpointType: DataflowEndpointType, hostType: MqttHostType | KafkaHostType | undefined, description: string): KindChoice => ({
  id: kindId({ endpointType, hostType }),
  endpointType,
  hostType,
  label: hostType ? DATAFLOW_HOST_TYPE_LABELS[hostType]! : DATAFLOW_ENDPOINT_TYPE_LABELS[endpointType]!,
  description,
});

/** The kinds in groups, as the chooser shows them. */
export const KIND_GROUPS: readonly { label: string; kinds: readonly KindChoice[] }[] = [
  {
    label: "MQTT",
    kinds: [
      choice("Mqtt", "LocalBroker", "The Azure IoT Operations MQTT broker in this cluster."),
      choice("Mqtt", "EventGrid", "An Event Grid namespace's MQTT broker."),
      choice("Mqtt", "CustomMqtt", "Any other MQTT broker."),
    ],
  },
  {
    label: "Kafka",
    kinds: [
      choice("Kafka", "Eventhub", "An Event Hubs namespace, through its Kafka endpoint."),
      choice("Kafka", "FabricRT", "A Fabric eventstream's custom endpoint, through Kafka."),
      choice("Kafka", "CustomKafka", "Any other Kafka broker."),
    ],
  },
  {
    label: "Storage and analytics",
    kinds: [
      choice("DataExplorer", undefined, "A database of an Azure Data Explorer cluster."),
      choice("DataLakeStorage", undefined, "A storage account with a hierarchical namespace."),
      choice("FabricOneLake", undefined, "A lakehouse in a Microsoft Fabric workspace."),
      choice("LocalStorage", undefined, "A persistent volume claim in this cluster."),
    ],
  },
  {
    label: "Observability",
    kinds: [choice("OpenTelemetry", undefined, "An OpenTelemetry collector.")],
  },
];

export const KIND_CHOICES: readonly KindChoice[] = KIND_GROUPS.flatMap((g) => g.kinds);

export function sameKind(a: EndpointKind, b: EndpointKind): boolean {
  return kindId(a) === kindId(b);
}

/** The kind a value set has, if it is one the form offers. */
export function kindOf(v: { endpointType?: unknown; hostType?: unknown }): KindChoice | null {
  return KIND_CHOICES.find((k) => k.endpointType === v.endpointType && (k.hostType ?? undefined) === (v.hostType ?? undefined)) ?? null;
}

type MethodUnion = { options: readonly { shape: { method: { value: DataflowAuthenticationMethod } } }[] };
const methodsOf = (u: MethodUnion): readonly DataflowAuthenticationMethod[] => u.options.map((o) => o.shape.method.value);

/** The authentication methods each type takes, read from the schema (in its order). Local storage has none. */
export const METHODS_BY_TYPE: Record<DataflowEndpointType, readonly DataflowAuthenticationMethod[]> = {
  Mqtt: methodsOf(mqttAuthentication),
  Kafka: methodsOf(kafkaAuthentication),
  DataExplorer: methodsOf(managedIdentityAuthentication),
  DataLakeStorage: methodsOf(dataLakeStorageAuthentication),
  FabricOneLake: methodsOf(managedIdentityAuthentication),
  OpenTelemetry: methodsOf(openTelemetryAuthentication),
  LocalStorage: [],
};

/** How the host is written: `host:port` for brokers and collectors, an https URL for the Azure services. */
export function hostFormat(endpointType: DataflowEndpointType): "host:port" | "https" | null {
  switch (endpointType) {
    case "Mqtt": case "Kafka": case "OpenTelemetry": return "host:port";
    case "DataExplorer": case "DataLakeStorage": case "FabricOneLake": return "https";
    case "LocalStorage": return null;
  }
}

export const hasTls = (t: DataflowEndpointType): boolean => t === "Mqtt" || t === "Kafka" || t === "OpenTelemetry";

/** Kafka batches by milliseconds and bytes; the storage, analytics and OpenTelemetry types by seconds. */
export function batchingKind(t: DataflowEndpointType): "kafka" | "seconds" | null {
  if (t === "Kafka") return "kafka";
  return t === "Mqtt" || t === "LocalStorage" ? null : "seconds";
}
