/**
 * A kind the Kubernetes stand-in serves, kept as data in the shape of a CustomResourceDefinition's essentials
 * (apiextensions.k8s.io/v1), so adding a kind is adding a small file, not a code path. Core kinds (Namespace,
 * Secret, …) use the same shape with `group: ""`.
 */
export interface KindDefinition {
  /** "" for the core group (served under /api/v1), else e.g. "secret-sync.x-k8s.io". */
  group: string;
  /** The one served (and storage) version, e.g. "v1alpha1". */
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
  namespaced: boolean;
  /** `status: true` → a status subresource: writes to the main resource ignore `.status`, generation counts spec only. */
  subresources?: { status?: boolean };
  /** Verbs advertised in discovery. */
  verbs: readonly string[];
  /** OpenAPI v3 structural schema of the whole object (CRD `openAPIV3Schema`); enforced on every write. */
  schema: JsonSchema;
  /** Columns of `kubectl get` (Table) after Name; Age is appended by the server. CRD `additionalPrinterColumns`. */
  printerColumns?: PrinterColumn[];
  /** Fields besides metadata.name/namespace that fieldSelector accepts (e.g. "type" for Secret). */
  selectableFields?: string[];
}

export interface PrinterColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  /** Simple JSONPath as in CRDs, e.g. ".spec.secretProviderClassName". */
  jsonPath: string;
  description?: string;
  priority?: number;
  /**
   * Built-in kinds only: a computed cell where a JSONPath cannot say it (Secret's DATA = number of keys), as
   * kube-apiserver's own printers do for core kinds. Takes precedence over `jsonPath` (kept for `explain`-like docs).
   */
  value?: (object: Record<string, unknown>) => string | number | boolean | undefined;
}

/** The subset of OpenAPI v3 / JSON Schema that CRDs use. */
export interface JsonSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  default?: unknown;
  nullable?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
  /** CEL rules; the stand-in implements the few rules our kinds use by `rule` text (see validation). */
  "x-kubernetes-validations"?: { rule: string; message?: string }[];
}
