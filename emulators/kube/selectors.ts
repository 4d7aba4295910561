import { badRequest } from "./status";

/**
 * Label and field selectors as the API server parses them (k8s.io/apimachinery labels and fields): a selector is a
 * conjunction of requirements; a malformed one is a 400 BadRequest, never an empty result.
 */
export type Selector = (obj: Record<string, unknown>) => boolean;

type LabelOp = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";
interface LabelRequirement { key: string; op: LabelOp; values: string[] }

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkKey(key: string): void {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const ok = name.length <= 63 && NAME.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
  if (!ok) throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

function checkValue(value: string): void {
  if (value === "" || (value.length <= 63 && NAME.test(value))) return;
  throw badRequest(`unable to parse requirement: invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
}

/** Splits on commas outside parentheses: `a in (x,y),b` → [`a in (x,y)`, `b`]. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

const SET = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/;
const COMPARE = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/;

function parseRequirement(text: string, whole: string): LabelRequirement {
  if (text === "") throw badRequest(`unable to parse requirement: found '', expected: identifier in "${whole}"`);
  const set = SET.exec(text);
  if (set) {
    const [, key = "", op, list = ""] = set;
    const values = list.split(",").map((v) => v.trim());
    checkKey(key);
    values.forEach(checkValue);
    return { key, op: op as "in" | "notin", values };
  }
  if (text.startsWith("!")) {
    const key = text.slice(1).trim();
    checkKey(key);
    return { key, op: "!", values: [] };
  }
  const cmp = COMPARE.exec(text);
  if (cmp) {
    const [, key = "", op = "", value = ""] = cmp;
    checkKey(key);
    if (op === ">" || op === "<") {
      if (!/^-?\d+$/.test(value.trim())) throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, op: op === ">" ? "gt" : "lt", values: [value.trim()] };
    }
    checkValue(value.trim());
    return { key, op: op === "!=" ? "!=" : "=", values: [value.trim()] };
  }
  checkKey(text);
  return { key: text, op: "exists", values: [] };
}

function matchesLabel(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case "=": return has && value === r.values[0];
    case "!=": return !has || value !== r.values[0];
    case "in": return has && r.values.includes(value ?? "");
    case "notin": return !has || !r.values.includes(value ?? "");
    case "exists": return has;
    case "!": return !has;
    case "gt": return has && /^-?\d+$/.test(value ?? "") && Number(value) > Number(r.values[0]);
    case "lt": return has && /^-?\d+$/.test(value ?? "") && Number(value) < Number(r.values[0]);
  }
}

/** Parses a `labelSelector`; undefined or blank selects everything. */
export function parseLabelSelector(text: string | null | undefined): Selector {
  if (!text || text.trim() === "") return () => true;
  const requirements = splitTop(text).map((part) => parseRequirement(part, text));
  return (obj) => {
    const labels = ((obj.metadata as { labels?: Record<string, string> } | undefined)?.labels) ?? {};
    return requirements.every((r) => matchesLabel(r, labels));
  };
}

/** Splits on an unescaped separator; field selector values escape `\`, `,` and `=` with a backslash. */
function splitEscaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\" && i + 1 < text.length) { current += c + (text[i + 1] ?? ""); i++; continue; }
    if (c === sep) { parts.push(current); current = ""; continue; }
    current += c;
  }
  parts.push(current);
  return parts;
}

const unescape = (s: string) => s.replace(/\\(.)/g, "$1");

/** The value a field selector compares: nested property by dots, non-strings as their text. */
function fieldValue(obj: Record<string, unknown>, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split(".")) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
  if (cur === undefined || cur === null) return "";
  return typeof cur === "string" ? cur : JSON.stringify(cur);
}

/**
 * Parses a `fieldSelector` over `metadata.name`, `metadata.namespace` and the kind's selectable fields (paths as in
 * the KindDefinition, with or without a leading dot).
 */
export function parseFieldSelector(text: string | null | undefined, selectable: readonly string[] = []): Selector {
  if (!text || text.trim() === "") return () => true;
  const allowed = new Set(["metadata.name", "metadata.namespace", ...selectable.map((f) => f.replace(/^\./, ""))]);
  const terms = splitEscaped(text, ",").map((term) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/s.exec(term.trim());
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, field = "", op, value = ""] = m;
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, negate: op === "!=", value: unescape(value) };
  });
  return (obj) => terms.every((t) => (fieldValue(obj, t.field) === t.value) !== t.negate);
}
