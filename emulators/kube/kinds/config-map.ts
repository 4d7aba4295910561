import { bool, countKeys, rootSchema, STANDARD_VERBS, stringMap } from "./schema-parts";
import type { KindDefinition } from "./types";

/** core/v1 ConfigMap: non-secret configuration (AIO uses one for trusted CA certificates of an endpoint's TLS). */
export const configMapKind: KindDefinition = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  listKind: "ConfigMapList",
  plural: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  namespaced: true,
  verbs: STANDARD_VERBS,
  schema: rootSchema("ConfigMap holds non-confidential configuration data as key/value pairs.", {
    data: stringMap("UTF-8 configuration values."),
    binaryData: stringMap("Binary configuration values, base64-encoded; keys must not repeat those of data.", {
      additionalProperties: { type: "string", format: "byte" },
    }),
    immutable: bool("If true, data and binaryData cannot be changed after creation."),
  }),
  printerColumns: [
    { name: "Data", type: "integer", jsonPath: ".data", description: "Number of keys in data and binaryData.",
      value: (o) => countKeys(o.data) + countKeys(o.binaryData) },
  ],
};
