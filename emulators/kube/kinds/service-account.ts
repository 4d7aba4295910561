import { arrayOf, bool, obj, rootSchema, STANDARD_VERBS, str } from "./schema-parts";
import type { KindDefinition } from "./types";

const localObjectReference = obj("A reference to an object in the same namespace.", { name: str("Name of the object.") });

/**
 * core/v1 ServiceAccount. Its `token` subresource (TokenRequest, service-account-tokens.ts) is what workload identity
 * presents to Entra: the sync controller asks for a token of `aio-ssc-sa`.
 */
export const serviceAccountKind: KindDefinition = {
  group: "",
  version: "v1",
  kind: "ServiceAccount",
  listKind: "ServiceAccountList",
  plural: "serviceaccounts",
  singular: "serviceaccount",
  shortNames: ["sa"],
  namespaced: true,
  verbs: STANDARD_VERBS,
  schema: rootSchema("ServiceAccount binds together a name understood by users and by peripheral systems, " +
    "an identity for processes, and the tokens issued for it.", {
    secrets: arrayOf("Secrets pods running as this service account may use (legacy).", obj("A reference to a secret.", {
      name: str("Name of the secret."),
      namespace: str("Namespace of the secret."),
      kind: str("Kind of the referent."),
      apiVersion: str("API version of the referent."),
      uid: str("UID of the referent."),
      resourceVersion: str("Resource version of the referent."),
      fieldPath: str("A field of the referent."),
    }), { "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }),
    imagePullSecrets: arrayOf("Secrets used to pull images for pods of this service account.", localObjectReference, {
      "x-kubernetes-list-type": "atomic",
    }),
    automountServiceAccountToken: bool("Whether pods mount an API token automatically."),
  }),
  printerColumns: [
    { name: "Secrets", type: "integer", jsonPath: ".secrets", description: "Number of secrets listed.",
      value: (o) => (Array.isArray(o.secrets) ? o.secrets.length : 0) },
  ],
};
