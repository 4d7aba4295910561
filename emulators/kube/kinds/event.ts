import { obj, rootSchema, STANDARD_VERBS, str } from "./schema-parts";
import type { KindDefinition } from "./types";

const objectReference = obj("The object this event is about.", {
  apiVersion: str("API version of the object."),
  kind: str("Kind of the object."),
  name: str("Name of the object."),
  namespace: str("Namespace of the object."),
  uid: str("UID of the object."),
  resourceVersion: str("Resource version of the object when the event happened."),
  fieldPath: str("A part of the object, e.g. spec.containers{app}."),
});

/** core/v1 Event, as controllers (the sync controller among them) record them and `kubectl describe` lists them. */
export const eventKind: KindDefinition = {
  group: "",
  version: "v1",
  kind: "Event",
  listKind: "EventList",
  plural: "events",
  singular: "event",
  shortNames: ["ev"],
  namespaced: true,
  verbs: STANDARD_VERBS,
  schema: rootSchema("Event is a report of something that happened to an object.", {
    involvedObject: objectReference,
    reason: str("Short, machine-understandable cause, e.g. SecretSynced."),
    message: str("Human-readable description."),
    type: str("Normal or Warning."),
    source: obj("The component reporting this event.", { component: str("Component name."), host: str("Node name.") }),
    firstTimestamp: str("When the event was first recorded.", { format: "date-time" }),
    lastTimestamp: str("When the event was last recorded.", { format: "date-time" }),
    count: { type: "integer", format: "int32", description: "How many times the event occurred." },
    eventTime: str("When the event first happened (microsecond precision).", { format: "date-time" }),
    series: obj("Data about a series of events, if this one is part of one.", {
      count: { type: "integer", format: "int32", description: "Occurrences in the series so far." },
      lastObservedTime: str("Time of the last occurrence.", { format: "date-time" }),
    }),
    action: str("What action was taken or failed regarding the object."),
    related: objectReference,
    reportingComponent: str("Name of the controller that emitted the event."),
    reportingInstance: str("Id of the controller instance."),
  }, ["involvedObject"]),
  printerColumns: [
    { name: "Type", type: "string", jsonPath: ".type", description: "Normal or Warning." },
    { name: "Reason", type: "string", jsonPath: ".reason", description: "Why the event happened." },
    { name: "Object", type: "string", jsonPath: ".involvedObject.name", description: "The object it is about.",
      value: (o) => involved(o) },
    { name: "Message", type: "string", jsonPath: ".message", description: "What happened." },
    { name: "Count", type: "integer", jsonPath: ".count", description: "Occurrences.", priority: 1 },
  ],
  // kube-apiserver's event field selectors; `kubectl describe` lists an object's events by involvedObject.*, uid included.
  selectableFields: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
    "reportingComponent", "type"],
};

/** kubectl shows an event's object as kind/name, lower-case kind (e.g. secretsync/edp1secrets). */
function involved(o: Record<string, unknown>): string {
  const ref = (o.involvedObject ?? {}) as { kind?: string; name?: string };
  return ref.kind ? `${ref.kind.toLowerCase()}/${ref.name ?? ""}` : (ref.name ?? "");
}


