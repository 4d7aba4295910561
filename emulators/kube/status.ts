import type { KindDefinition } from "./kinds/types";

/** One field error of a 422 Invalid, as metav1.StatusCause. */
export interface StatusCause { reason: string; message: string; field?: string }

export interface StatusDetails {
  name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number;
}

/** HTTP status → the Status reason the API server uses for it (metav1.StatusReason). */
const REASONS: Record<number, string> = {
  400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
  406: "NotAcceptable", 409: "Conflict", 410: "Gone", 413: "RequestEntityTooLarge", 415: "UnsupportedMediaType",
  422: "Invalid", 429: "TooManyRequests", 500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout",
};

export function reasonForStatus(status: number): string {
  return REASONS[status] ?? (status >= 500 ? "InternalError" : "BadRequest");
}

/**
 * An API error that becomes a `Status` object on the wire (`kubectl` prints `Error from server (<reason>): <message>`,
 * client-node surfaces the body as `ApiException.body`).
 */
export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: this.reason,
      ...(this.details ? { details: this.details } : {}), code: this.status,
    };
  }
}

/** `secrets` for the core group, `secretsyncs.secret-sync.x-k8s.io` otherwise: how messages name a resource. */
export function qualifiedResource(def: KindDefinition): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** `Secret` for the core group, `SecretSync.secret-sync.x-k8s.io` otherwise: how Invalid messages name a kind. */
export function qualifiedKind(def: KindDefinition): string {
  return def.group ? `${def.kind}.${def.group}` : def.kind;
}

function details(def: KindDefinition, name: string): StatusDetails {
  return { name, group: def.group, kind: def.plural };
}

export function notFound(def: KindDefinition, name: string): KubeError {
  return new KubeError(404, "NotFound", `${qualifiedResource(def)} "${name}" not found`, details(def, name));
}

export function alreadyExists(def: KindDefinition, name: string): KubeError {
  return new KubeError(409, "AlreadyExists", `${qualifiedResource(def)} "${name}" already exists`, details(def, name));
}

export function conflict(def: KindDefinition, name: string, why = "the object has been modified; please apply your " +
  "changes to the latest version and try again"): KubeError {
  return new KubeError(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": ${why}`,
    details(def, name));
}

export function invalid(def: KindDefinition, name: string, causes: StatusCause[]): KubeError {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
  return new KubeError(422, "Invalid", `${qualifiedKind(def)} "${name}" is invalid: ${summary}`,
    { name, group: def.group, kind: def.kind, causes });
}

export function badRequest(message: string): KubeError {
  return new KubeError(400, "BadRequest", message);
}

export function methodNotAllowed(): KubeError {
  return new KubeError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});
}

/** The API server's answer for a path it does not serve. */
export function pathNotFound(): KubeError {
  return new KubeError(404, "NotFound", "the server could not find the requested resource", {});
}

export function expired(message: string): KubeError {
  return new KubeError(410, "Expired", message);
}
