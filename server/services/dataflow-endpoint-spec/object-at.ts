import "server-only";

/** Reading the loose parts of a DataflowEndpoint spec: a child object (a copy-safe `{}` when absent), a string. */
export function objectAt(v: unknown, key: string): Record<string, unknown> {
  return objectAtOrNull(v, key) ?? {};
}

export function objectAtOrNull(v: unknown, key: string): Record<string, unknown> | null {
  const child = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return child !== null && typeof child === "object" && !Array.isArray(child) ? { ...(child as Record<string, unknown>) } : null;
}

export const text = (v: unknown): string => (typeof v === "string" ? v : "");
