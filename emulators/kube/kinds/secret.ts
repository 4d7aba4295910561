import { bool, countKeys, rootSchema, STANDARD_VERBS, str, stringMap } from "./schema-parts";
import type { KindDefinition } from "./types";

/** core/v1 Secret. `data` values are base64 (format byte); `stringData` is write-only and merged into `data`. */
export const secretKind: KindDefinition = {
  group: "",
  version: "v1",
  kind: "Secret",
  listKind: "SecretList",
  plural: "secrets",
  singular: "secret",
  namespaced: true,
  verbs: STANDARD_VERBS,
  schema: rootSchema("Secret holds a small amount of sensitive data (at most 1 MiB in total).", {
    type: str("Used to facilitate programmatic handling of secret data, e.g. Opaque or kubernetes.io/tls. " +
      "Immutable after creation."),
    data: stringMap("Secret data: keys of letters, digits, '-', '_' or '.', values base64-encoded.", {
      additionalProperties: { type: "string", format: "byte" },
    }),
    stringData: stringMap("Write-only convenience: plain-text values merged into data on write, never returned."),
    immutable: bool("If true, data cannot be changed after creation."),
  }),
  printerColumns: [
    { name: "Type", type: "string", jsonPath: ".type", description: "Type of the secret." },
    { name: "Data", type: "integer", jsonPath: ".data", description: "Number of keys in data.",
      value: (o) => countKeys(o.data) },
  ],
  selectableFields: ["type"],
};
