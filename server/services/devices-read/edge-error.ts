import "server-only";

/**
 * The edge's own error for one inbound endpoint, from the Device's status (`status.endpoints.inbound.<name>.error`
 * = `{ code, message }`, as Device Registry reports it), in words; null when there is none.
 */
export function endpointEdgeError(status: Record<string, unknown> | null, endpoint: string): string | null {
  const raw = objectAt(objectAt(objectAt(objectAt(status, "endpoints"), "inbound"), endpoint), "error");
  if (!raw) return null;
  const message = text(raw.message);
  const code = text(raw.code);
  if (message && code) return `${message} (code ${code})`;
  if (message) return message;
  return code ? `The edge reported error ${code}` : "The edge reported an error without a message";
}

function objectAt(v: Record<string, unknown> | null | undefined, name: string): Record<string, unknown> | undefined {
  const child = v?.[name];
  return typeof child === "object" && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : undefined;
}

/** Codes may arrive as numbers; anything else that is not text is ignored. */
function text(v: unknown): string | null {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}
