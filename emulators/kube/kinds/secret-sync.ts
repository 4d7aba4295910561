import {
  arrayOf, conditionsSchema, DNS_SUBDOMAIN_PATTERN, obj, rootSchema, STANDARD_VERBS, str, stringMap,
} from "./schema-parts";
import type { JsonSchema, KindDefinition } from "./types";

/** Pattern of `sourcePath` and `targetKey` in the released CRD (a file name, optionally `/<n>` for history). */
const DATA_KEY_PATTERN = "^[A-Za-z0-9.]([-A-Za-z0-9]+([-._a-zA-Z0-9]?[A-Za-z0-9])*)?(\\/([0-9]+))*$";

/**
 * The CEL rules of the released CRD, by exact rule text. The stand-in's validator implements exactly these texts
 * (docs/architecture.md, "Kubernetes stand-in"); changing a character here means changing it there.
 */
export const SECRET_SYNC_CEL_RULES = {
  labelsSize: "(self.all(x, x.size() < 63 && self[x].size() < 63) == true)",
  annotationsSize: "(self.all(x, x.size() < 253 && self[x].size() < 253) == true)",
  reservedPrefix: "(self.all(x, x.startsWith('secrets-store.sync.x-k8s.io') == false))",
} as const;

function reservedPrefixRule(what: "Labels" | "Annotations") {
  return { rule: SECRET_SYNC_CEL_RULES.reservedPrefix,
    message: `${what} should not contain secrets-store.sync.x-k8s.io. This key is reserved for the controller.` };
}

const dataKey = (description: string): JsonSchema =>
  str(description, { minLength: 1, maxLength: 253, pattern: DATA_KEY_PATTERN });

const secretObject = obj("The Kubernetes Secret the controller writes (same name as the SecretSync).", {
  type: str("Type of the Secret, e.g. Opaque or kubernetes.io/tls.", { minLength: 1, maxLength: 253 }),
  data: arrayOf("Which object of the SecretProviderClass fills which key of the Secret.", obj(
    "One key of the Secret.", {
      sourcePath: dataKey("Object name (or alias) as the SecretProviderClass writes it."),
      targetKey: dataKey("Key in the Secret's data."),
    }, ["sourcePath", "targetKey"]), {
    minItems: 1, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["targetKey"],
  }),
  labels: stringMap("Labels of the Secret; the secrets-store.sync.x-k8s.io prefix is reserved.", {
    "x-kubernetes-validations": [
      { rule: SECRET_SYNC_CEL_RULES.labelsSize, message: "Labels should have < 63 characters for both keys and values." },
      reservedPrefixRule("Labels"),
    ],
  }),
  annotations: stringMap("Annotations of the Secret; the secrets-store.sync.x-k8s.io prefix is reserved.", {
    "x-kubernetes-validations": [
      { rule: SECRET_SYNC_CEL_RULES.annotationsSize,
        message: "Annotations should have < 253 characters for both keys and values." },
      reservedPrefixRule("Annotations"),
    ],
  }),
}, ["data", "type"]);

/**
 * SecretSync (secret-sync.x-k8s.io/v1alpha1) with the validation of the released secrets-store-sync-controller CRD
 * (domain.md §2.1): name patterns, `data` minItems 1 keyed by `targetKey`, the label/annotation CEL rules, and a
 * status subresource whose conditions are metav1.Conditions.
 */
export const secretSyncKind: KindDefinition = {
  group: "secret-sync.x-k8s.io",
  version: "v1alpha1",
  kind: "SecretSync",
  listKind: "SecretSyncList",
  plural: "secretsyncs",
  singular: "secretsync",
  namespaced: true,
  subresources: { status: true },
  verbs: STANDARD_VERBS,
  schema: rootSchema("SecretSync asks the sync controller to keep a Kubernetes Secret of the same name filled " +
    "with objects fetched through a SecretProviderClass.", {
    spec: obj("What to synchronise, and how.", {
      secretProviderClassName: str("SecretProviderClass (same namespace) that says where the objects come from.", {
        minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN_PATTERN,
      }),
      serviceAccountName: str("Service account (same namespace) whose token is exchanged for access to the store.", {
        minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN_PATTERN,
      }),
      secretSyncControllerName: str("Controller expected to handle this SecretSync.", { default: "" }),
      secretObject,
      forceSynchronization: str("Change this value to force a new synchronisation.", {
        maxLength: 253, pattern: "^[A-Za-z0-9]([-A-Za-z0-9]+([-._a-zA-Z0-9]?[A-Za-z0-9])*)?$",
      }),
    }, ["secretObject", "secretProviderClassName", "serviceAccountName"]),
    status: obj("What the controller last did.", {
      syncHash: str("Opaque hash of the synced data and its sources; only equality matters."),
      lastSuccessfulSyncTime: str("When the Secret was last written successfully.", { format: "date-time" }),
      conditions: conditionsSchema("Create/Update conditions with the controller's reasons."),
    }),
  }),
  printerColumns: [
    { name: "SPC", type: "string", jsonPath: ".spec.secretProviderClassName", description: "SecretProviderClass." },
    { name: "Type", type: "string", jsonPath: ".spec.secretObject.type", description: "Type of the Secret." },
    { name: "Last Sync", type: "date", jsonPath: ".status.lastSuccessfulSyncTime",
      description: "Time since the last successful synchronisation." },
    { name: "Service Account", type: "string", jsonPath: ".spec.serviceAccountName", priority: 1,
      description: "Service account used for the store." },
  ],
};
