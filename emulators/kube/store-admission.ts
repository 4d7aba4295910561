import type { KindDefinition } from "./kinds/types";
import type { StatusCause } from "./status";
import type { KubeObject } from "./store-types";

/**
 * Built-in kinds' own rules that no schema expresses (the API server's registry strategies): Secret `stringData`,
 * base64 `data`, size and immutability; Namespace phase and name label. Rules mutate the candidate object and return
 * field causes for a 422.
 */
type Rule = (obj: KubeObject, prev: KubeObject | undefined) => StatusCause[];

const MAX_DATA_BYTES = 1024 * 1024;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function dataKeyCauses(field: string, map: Record<string, unknown>): StatusCause[] {
  return Object.keys(map).filter((k) => k.length > 253 || !DATA_KEY.test(k)).map((k) => ({
    reason: "FieldValueInvalid", field: `${field}[${k}]`,
    message: `Invalid value: ${JSON.stringify(k)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  }));
}

const secret: Rule = (obj, prev) => {
  const causes: StatusCause[] = [];
  // stringData is write-only: merged into data (base64), never stored or returned.
  if (obj.stringData !== undefined) {
    if (isMap(obj.stringData)) {
      const data: Record<string, unknown> = isMap(obj.data) ? { ...obj.data } : {};
      for (const [k, v] of Object.entries(obj.stringData)) if (typeof v === "string") data[k] = Buffer.from(v, "utf8").toString("base64");
      causes.push(...dataKeyCauses("stringData", obj.stringData));
      obj.data = data;
    }
    delete obj.stringData;
  }
  if (typeof obj.type !== "string" || obj.type === "") obj.type = prev?.type ?? "Opaque";     // "" defaults too
  if (isMap(obj.data)) {
    causes.push(...dataKeyCauses("data", obj.data));
    let total = 0;
    for (const [k, v] of Object.entries(obj.data)) {
      if (typeof v !== "string" || !BASE64.test(v)) {
        causes.push({ reason: "FieldValueInvalid", field: `data[${k}]`, message: `Invalid value: ${JSON.stringify(v)}: must be base64-encoded` });
        continue;
      }
      total += Buffer.byteLength(v, "base64");
    }
    if (total > MAX_DATA_BYTES) causes.push({ reason: "FieldValueTooLong", field: "data", message: `Too long: may not be more than ${MAX_DATA_BYTES} bytes` });
  }
  if (prev && prev.type !== obj.type) {
    causes.push({ reason: "FieldValueInvalid", field: "type", message: `Invalid value: ${JSON.stringify(obj.type)}: field is immutable` });
  }
  if (prev?.immutable === true) {
    if (JSON.stringify(prev.data ?? {}) !== JSON.stringify(obj.data ?? {})) {
      causes.push({ reason: "FieldValueForbidden", field: "data", message: "Forbidden: field is immutable when `immutable` is set" });
    }
    if (obj.immutable !== true) causes.push({ reason: "FieldValueForbidden", field: "immutable", message: "Forbidden: field is immutable when `immutable` is set" });
  }
  return causes;
};

const configMap: Rule = (obj) => {
  const causes: StatusCause[] = [];
  let total = 0;
  for (const field of ["data", "binaryData"] as const) {
    const map = obj[field];
    if (!isMap(map)) continue;
    causes.push(...dataKeyCauses(field, map));
    for (const v of Object.values(map)) total += typeof v === "string" ? Buffer.byteLength(v) : 0;
  }
  if (total > MAX_DATA_BYTES) causes.push({ reason: "FieldValueTooLong", field: "data", message: `Too long: may not be more than ${MAX_DATA_BYTES} bytes` });
  return causes;
};

const namespace: Rule = (obj, prev) => {
  obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name };
  obj.spec = isMap(obj.spec) && obj.spec.finalizers !== undefined ? obj.spec : { ...(isMap(obj.spec) ? obj.spec : {}), finalizers: ["kubernetes"] };
  obj.status = prev?.status ?? { phase: "Active" };
  return [];
};

const RULES: Record<string, Rule> = { Secret: secret, ConfigMap: configMap, Namespace: namespace };

export function admit(def: KindDefinition, obj: KubeObject, prev: KubeObject | undefined): StatusCause[] {
  const rule = def.group === "" ? RULES[def.kind] : undefined;
  return rule ? rule(obj, prev) : [];
}
