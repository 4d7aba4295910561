import { arrayOf, obj, rootSchema, STANDARD_VERBS, str, stringMap } from "./schema-parts";
import type { KindDefinition } from "./types";

const secretObject = obj("A Kubernetes Secret the CSI driver fills from mounted objects (CSI-driver only; SecretSync " +
  "does not use it).", {
  secretName: str("Name of the Secret to create."),
  type: str("Type of the Secret, e.g. Opaque."),
  labels: stringMap("Labels of the Secret."),
  annotations: stringMap("Annotations of the Secret."),
  data: arrayOf("Which mounted object fills which key.", obj("One key of the Secret.", {
    objectName: str("Name (or alias) of the mounted object."),
    key: str("Key in the Secret's data."),
  })),
});

/**
 * SecretProviderClass (secrets-store.csi.x-k8s.io/v1), as the sync controller's chart ships it: `parameters` is a
 * map of strings (booleans and the `objects` YAML blob included), `status` is a bare object and there is **no status
 * subresource**. domain.md §1. The printer columns are ours (the upstream CRD has none) so `kubectl get` shows
 * which vault a class reads.
 */
export const secretProviderClassKind: KindDefinition = {
  group: "secrets-store.csi.x-k8s.io",
  version: "v1",
  kind: "SecretProviderClass",
  listKind: "SecretProviderClassList",
  plural: "secretproviderclasses",
  singular: "secretproviderclass",
  namespaced: true,
  verbs: STANDARD_VERBS,
  schema: rootSchema("SecretProviderClass tells a secrets-store provider how to reach an external secret store " +
    "and which objects to fetch from it.", {
    spec: obj("Desired state of the SecretProviderClass.", {
      provider: str("Name of the provider plugin, e.g. azure."),
      parameters: stringMap("Provider-specific configuration. For azure: keyvaultName, tenantId, clientID " +
        "(workload identity), cloudName, and objects: a YAML document whose `array` lists one YAML string per " +
        "Key Vault object (objectName, objectType secret|key|cert, objectVersion, objectAlias, objectEncoding, …)."),
      secretObjects: arrayOf("Kubernetes Secrets the CSI driver creates from mounted content.", secretObject),
    }),
    status: { type: "object", description: "Observed state; unused by the sync controller.",
      "x-kubernetes-preserve-unknown-fields": true },
  }),
  printerColumns: [
    { name: "Provider", type: "string", jsonPath: ".spec.provider", description: "Provider plugin." },
    { name: "Key Vault", type: "string", jsonPath: ".spec.parameters.keyvaultName", description: "Vault name (azure)." },
    { name: "Client ID", type: "string", jsonPath: ".spec.parameters.clientID", priority: 1,
      description: "Workload identity client id (azure)." },
  ],
};
