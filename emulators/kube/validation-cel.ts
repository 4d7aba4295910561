/**
 * The few CEL rules (x-kubernetes-validations) our kinds carry, recognised by shape rather than by a CEL engine:
 * the stand-in need not evaluate arbitrary CEL, only reject what the real CRDs reject. A rule of another shape is
 * not enforced (a warning is printed once), never guessed at.
 */
type Check = (value: unknown) => boolean;

const entries = (v: unknown): [string, unknown][] =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? Object.entries(v) : [];
const size = (v: unknown) => (typeof v === "string" ? [...v].length : 0);

const SHAPES: { pattern: RegExp; build(m: RegExpExecArray): Check }[] = [
  {
    // self.all(x, x.size() < 63 && self[x].size() < 63): key and value length limits of a string map
    pattern: /^self\.all\((\w+),\s*\1\.size\(\)\s*<\s*(\d+)\s*&&\s*self\[\1\]\.size\(\)\s*<\s*(\d+)\)$/,
    build: (m) => (v) => entries(v).every(([k, val]) => size(k) < Number(m[2]) && size(val) < Number(m[3])),
  },
  {
    // self.all(x, x.startsWith('prefix') == false): a reserved key prefix
    pattern: /^self\.all\((\w+),\s*\1\.startsWith\('([^']*)'\)\s*==\s*false\)$/,
    build: (m) => (v) => entries(v).every(([k]) => !k.startsWith(m[2] ?? "")),
  },
  {
    // !self.all(x, !x.startsWith('prefix')) spelled the other way round
    pattern: /^self\.all\((\w+),\s*!\1\.startsWith\('([^']*)'\)\)$/,
    build: (m) => (v) => entries(v).every(([k]) => !k.startsWith(m[2] ?? "")),
  },
];

const cache = new Map<string, Check | undefined>();

/** `(self.all(…) == true)` → `self.all(…)`: outer parentheses and a trailing `== true` do not change a rule. */
function normalise(rule: string): string {
  let text = rule.trim();
  for (let i = 0; i < 4; i++) {
    const before = text;
    if (text.startsWith("(") && text.endsWith(")") && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
    text = text.replace(/\s*==\s*true$/, "").trim();
    if (text === before) break;
  }
  return text;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === "(") depth++;
    else if (c === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

export function celRule(rule: string): Check | undefined {
  const text = normalise(rule);
  if (cache.has(text)) return cache.get(text);
  let check: Check | undefined;
  for (const shape of SHAPES) {
    const m = shape.pattern.exec(text);
    if (m) { check = shape.build(m); break; }
  }
  if (!check) console.warn(`kube: CEL rule not enforced by the stand-in: ${text}`);
  cache.set(text, check);
  return check;
}
