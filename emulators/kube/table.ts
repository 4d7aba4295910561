import type { KindDefinition, PrinterColumn } from "./kinds/types";
import { humanDuration } from "./table-age";
import { evaluateJsonPath } from "./table-jsonpath";

/**
 * The `meta.k8s.io/v1` Table kubectl asks for with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` on get,
 * list and watch: Name, the kind's printer columns, Age — what kube-apiserver's CRD table convertor sends. kubectl
 * prints `<none>` for a null cell and shows priority > 0 columns only with `-o wide`.
 */
export type IncludeObject = "None" | "Metadata" | "Object";

/** What a row needs of a stored object (structurally the core's KubeObject). */
export interface TableObject {
  metadata: { name: string; creationTimestamp?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface TableOptions {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
  includeObject: IncludeObject;
  /** Clock for Age and date columns (tests). */
  now?: number;
}

interface ColumnDefinition { name: string; type: string; format: string; description: string; priority: number }

const NAME_COLUMN: ColumnDefinition = {
  name: "Name", type: "string", format: "name", priority: 0,
  description: "Name must be unique within a namespace. Cannot be updated.",
};
const AGE_COLUMN: ColumnDefinition = {
  name: "Age", type: "date", format: "", priority: 0,
  description: "Time since the object was created (metadata.creationTimestamp).",
};

export function columnDefinitions(kind: KindDefinition): ColumnDefinition[] {
  const own = (kind.printerColumns ?? []).map((c) => ({
    name: c.name, type: c.type, format: "", description: c.description ?? "", priority: c.priority ?? 0,
  }));
  return [NAME_COLUMN, ...own, AGE_COLUMN];
}

export function table(kind: KindDefinition, objects: readonly TableObject[], o: TableOptions): Record<string, unknown> {
  const now = o.now ?? Date.now();
  const metadata: Record<string, unknown> = { resourceVersion: o.resourceVersion };
  if (o.continue) metadata.continue = o.continue;
  if (o.remainingItemCount !== undefined) metadata.remainingItemCount = o.remainingItemCount;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata,
    columnDefinitions: columnDefinitions(kind),
    rows: objects.map((obj) => tableRow(kind, obj, o.includeObject, now)),
  };
}

function tableRow(kind: KindDefinition, obj: TableObject, includeObject: IncludeObject, now: number) {
  const cells = [
    obj.metadata.name,
    ...(kind.printerColumns ?? []).map((c) => cell(c, obj, now)),
    age(obj.metadata.creationTimestamp, now),
  ];
  const row: Record<string, unknown> = { cells };
  if (includeObject === "Object") row.object = obj;
  if (includeObject === "Metadata") {
    row.object = { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
  }
  return row;
}

function cell(column: PrinterColumn, obj: TableObject, now: number): unknown {
  const value = column.value ? column.value(obj) : evaluateJsonPath(obj, column.jsonPath);
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case "date":
      return typeof value === "string" ? age(value, now) : null;
    case "integer":
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

function age(timestamp: string | undefined, now: number): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(t) ? "<unknown>" : humanDuration(now - t);
}

/**
 * Whether the Accept header asks for a Table (kubectl sends the v1 and v1beta1 Table media types before plain
 * JSON). The answer is always meta.k8s.io/v1, which kubectl 1.32 reads.
 */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const params = mediaParams(part);
    return params.as === "Table" && params.g === "meta.k8s.io" && (params.v === "v1" || params.v === "v1beta1");
  });
}

/** `includeObject` query parameter; kube-apiserver defaults to Metadata. */
export function includeObjectParam(value: string | null): IncludeObject {
  return value === "None" || value === "Object" ? value : "Metadata";
}

export function mediaParams(mediaRange: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of mediaRange.split(";").slice(1)) {
    const [k, v] = p.split("=");
    if (k && v !== undefined) params[k.trim()] = v.trim();
  }
  return params;
}
