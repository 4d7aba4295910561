import { arrayOf, obj, rootSchema, str } from "./schema-parts";
import type { KindDefinition } from "./types";

/** core/v1 Namespace: cluster-scoped; no deletecollection (kube-apiserver does not offer it for namespaces). */
export const namespaceKind: KindDefinition = {
  group: "",
  version: "v1",
  kind: "Namespace",
  listKind: "NamespaceList",
  plural: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  namespaced: false,
  subresources: { status: true },
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  schema: rootSchema("Namespace provides a scope for names. Objects of namespaced kinds live in exactly one namespace.", {
    spec: obj("Desired state of the namespace.", {
      finalizers: arrayOf("Must be empty before the namespace is removed.", { type: "string" }, {
        "x-kubernetes-list-type": "atomic",
      }),
    }),
    status: obj("Observed state of the namespace.", {
      phase: str("Active, or Terminating while its contents are being deleted.", { enum: ["Active", "Terminating"] }),
      conditions: arrayOf("Latest observations of the namespace's state.", obj("A namespace condition.", {
        type: str("Type of the condition."),
        status: str("True, False or Unknown."),
        reason: str("Cause of the last transition."),
        message: str("Human-readable detail."),
        lastTransitionTime: str("When the condition last changed.", { format: "date-time" }),
      }, ["type", "status"]), { "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"] }),
    }),
  }),
  printerColumns: [
    { name: "Status", type: "string", jsonPath: ".status.phase", description: "The namespace's phase." },
  ],
};
