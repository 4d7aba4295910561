import type { StatusCause } from "./status";

/** ObjectMeta checks the API server applies to every kind (apimachinery validation), with its messages. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** ObjectMeta fields a client may send; anything else under metadata is dropped, as the API server's decoder does. */
export const OBJECT_META_FIELDS = new Set([
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
  "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
  "managedFields",
]);

export type NameRule = "subdomain" | "label";

export function nameError(name: string, rule: NameRule): string | undefined {
  if (rule === "label") {
    if (name.length > 63) return "must be no more than 63 characters";
    if (!DNS_LABEL.test(name)) {
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start " +
        "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }
    return undefined;
  }
  if (name.length > 253) return "must be no more than 253 characters";
  if (!DNS_SUBDOMAIN.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
      "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
      "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

function keyError(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  if (name.length === 0) return "name part must be non-empty";
  if (name.length > 63) return "name part must be no more than 63 characters";
  if (!QUALIFIED_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
      "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
      "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  }
  return undefined;
}

const invalid = (field: string, value: unknown, why: string): StatusCause =>
  ({ reason: "FieldValueInvalid", field, message: `Invalid value: ${JSON.stringify(value)}: ${why}` });

/** Checks name, labels and annotations of metadata (already pruned to ObjectMeta fields). */
export function validateMetadata(meta: Record<string, unknown>, rule: NameRule): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = meta.name;
  if (typeof name !== "string" || name === "") {
    causes.push({ reason: "FieldValueRequired", field: "metadata.name", message: "Required value: name or generateName is required" });
  } else {
    const why = nameError(name, rule);
    if (why) causes.push(invalid("metadata.name", name, why));
  }
  for (const field of ["labels", "annotations"] as const) {
    const map = meta[field];
    if (map === undefined) continue;
    if (typeof map !== "object" || map === null || Array.isArray(map)) {
      causes.push(invalid(`metadata.${field}`, map, "must be a map of strings"));
      continue;
    }
    let total = 0;
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      const kErr = keyError(key);
      if (kErr) causes.push(invalid(`metadata.${field}`, key, kErr));
      if (typeof value !== "string") { causes.push(invalid(`metadata.${field}[${key}]`, value, "must be a string")); continue; }
      total += key.length + value.length;
      if (field === "labels" && value !== "" && (value.length > 63 || !QUALIFIED_NAME.test(value))) {
        causes.push(invalid(`metadata.labels`, value, "a valid label must be an empty string or consist of " +
          "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
      }
    }
    if (field === "annotations" && total > 256 * 1024) {
      causes.push({ reason: "FieldValueTooLong", field: "metadata.annotations", message: "Too long: must have at most 262144 bytes" });
    }
  }
  return causes;
}
