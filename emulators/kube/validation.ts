import type { JsonSchema } from "./kinds/types";
import type { StatusCause } from "./status";
import { celRule } from "./validation-cel";

/**
 * Structural-schema validation and pruning as the API server applies a CRD's openAPIV3Schema: unknown fields are
 * dropped (and reported, for fieldValidation), nulls of non-nullable fields are dropped, then every constraint is
 * checked; each failure is a StatusCause with the field path the API server names (`spec.secretObject.data[1]`).
 */
export interface SchemaResult { causes: StatusCause[]; unknownFields: string[] }

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates `value` in place (pruning mutates it); `metadata` at the root is left to the metadata checks. */
export function validateSchema(schema: JsonSchema, value: Record<string, Json>): SchemaResult {
  const result: SchemaResult = { causes: [], unknownFields: [] };
  walk(schema, value, "", result, true);
  return result;
}

function typeName(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function show(v: Json): string {
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}

function typeMatches(schema: JsonSchema, v: Json): boolean {
  if (schema["x-kubernetes-int-or-string"]) return typeof v === "string" || Number.isInteger(v);
  switch (schema.type) {
    case undefined: return true;
    case "object": return isObject(v);
    case "array": return Array.isArray(v);
    case "string": return typeof v === "string";
    case "integer": return Number.isInteger(v);
    case "number": return typeof v === "number";
    case "boolean": return typeof v === "boolean";
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function walk(schema: JsonSchema, value: Json, path: string, out: SchemaResult, root = false): void {
  const at = path || "<root>";
  const fail = (reason: string, message: string) => out.causes.push({ reason, message, field: at });
  if (!typeMatches(schema, value)) {
    fail("FieldValueTypeInvalid", `Invalid value: ${show(value)}: ${at} in body must be of type ${schema.type}: "${typeName(value)}"`);
    return;
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    fail("FieldValueNotSupported", `Unsupported value: ${show(value)}: supported values: ${schema.enum.map(show).join(", ")}`);
  }
  if (typeof value === "string") checkString(schema, value, at, fail);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail("FieldValueInvalid", `Invalid value: ${value}: ${at} in body should be greater than or equal to ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail("FieldValueInvalid", `Invalid value: ${value}: ${at} in body should be less than or equal to ${schema.maximum}`);
  }
  if (Array.isArray(value)) walkArray(schema, value, path, out, fail);
  if (isObject(value)) walkObject(schema, value, path, out, fail, root);
  for (const rule of schema["x-kubernetes-validations"] ?? []) {
    const check = celRule(rule.rule);
    if (check && !check(value)) fail("FieldValueInvalid", `Invalid value: "${typeName(value)}": ${rule.message ?? `failed rule: ${rule.rule}`}`);
  }
}

function checkString(schema: JsonSchema, value: string, at: string, fail: (r: string, m: string) => void): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) fail("FieldValueInvalid", `Invalid value: ${show(value)}: ${at} in body should be at least ${schema.minLength} chars long`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) fail("FieldValueTooLong", `Too long: may not be more than ${schema.maxLength} bytes`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) fail("FieldValueInvalid", `Invalid value: ${show(value)}: ${at} in body should match '${schema.pattern}'`);
  if (schema.format === "byte" && !BASE64.test(value)) fail("FieldValueInvalid", `Invalid value: ${show(value)}: ${at} in body must be of type byte: ${show(value)}`);
  if (schema.format === "date-time" && !DATE_TIME.test(value)) fail("FieldValueInvalid", `Invalid value: ${show(value)}: ${at} in body must be of type date-time: ${show(value)}`);
}

function walkArray(schema: JsonSchema, value: Json[], path: string, out: SchemaResult, fail: (r: string, m: string) => void): void {
  const at = path || "<root>";
  if (schema.minItems !== undefined && value.length < schema.minItems) fail("FieldValueInvalid", `Invalid value: ${value.length}: ${at} in body should have at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined && value.length > schema.maxItems) fail("FieldValueTooMany", `Too many: ${value.length}: must have at most ${schema.maxItems} items`);
  // Nulls inside a list are not pruned: they are type errors, as in the API server.
  value.forEach((item, i) => { if (schema.items) walk(schema.items, item, `${path}[${i}]`, out); });
  const listType = schema["x-kubernetes-list-type"];
  if (listType !== "map" && listType !== "set") return;
  const keys = listType === "map" ? schema["x-kubernetes-list-map-keys"] ?? [] : undefined;
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const identity = keys && isObject(item) ? Object.fromEntries(keys.map((k) => [k, item[k]])) : item;
    const text = JSON.stringify(identity);
    if (seen.has(text)) out.causes.push({ reason: "FieldValueDuplicate", message: `Duplicate value: ${text}`, field: `${path}[${i}]` });
    seen.add(text);
  });
}

function walkObject(schema: JsonSchema, value: Record<string, Json>, path: string, out: SchemaResult,
  fail: (r: string, m: string) => void, root: boolean): void {
  const props = schema.properties ?? {};
  const extra = schema.additionalProperties;
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true || schema["x-kubernetes-embedded-resource"] === true;
  // Structural defaults apply where the parent object exists, before validation (as the API server defaults).
  for (const [key, child] of Object.entries(props)) {
    if (child.default !== undefined && !(key in value)) value[key] = structuredClone(child.default);
  }
  for (const key of Object.keys(value)) {
    if (root && (key === "metadata" || key === "apiVersion" || key === "kind")) continue;
    const child = props[key] ?? (typeof extra === "object" ? extra : undefined);
    const mapEntry = !props[key] && typeof extra === "object";
    const childPath = !path ? key : mapEntry ? `${path}[${key}]` : `${path}.${key}`;
    if (!child) {
      if (extra === true || preserve || schema.type === undefined) continue;
      delete value[key];
      out.unknownFields.push(childPath);
      continue;
    }
    if (value[key] === null && !child.nullable) {
      delete value[key];
      continue;
    }
    walk(child, value[key], childPath, out);
  }
  for (const key of schema.required ?? []) {
    if (!(key in value)) out.causes.push({ reason: "FieldValueRequired", message: "Required value", field: path ? `${path}.${key}` : key });
  }
  if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) {
    fail("FieldValueTooMany", `Too many: ${Object.keys(value).length}: must have at most ${schema.maxProperties} items`);
  }
}
