/**
 * The JSONPath subset CRD printer columns use: `.a.b`, `.a['dotted.key']`, `.a[0]`, `.a[-1]`. kube-apiserver takes
 * the first result; so does this. Anything else (filters, wildcards) yields undefined: the kinds here do not use it.
 */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  const steps = parse(path);
  if (!steps) return undefined;
  let value: unknown = root;
  for (const step of steps) {
    if (value === null || typeof value !== "object") return undefined;
    if (typeof step === "number") {
      if (!Array.isArray(value)) return undefined;
      value = value[step < 0 ? value.length + step : step];
    } else {
      if (Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
  }
  return value;
}

const STEP = /^(?:\.([A-Za-z0-9_-]+)|\['([^']*)'\]|\["([^"]*)"\]|\[(-?\d+)\])/;

function parse(path: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  let rest = path.trim().replace(/^\{?\$?/, "").replace(/\}$/, "");
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    const key = m[1] ?? m[2] ?? m[3];
    steps.push(key !== undefined ? key : Number(m[4]));
    rest = rest.slice(m[0].length);
  }
  return steps;
}
