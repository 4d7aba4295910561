import "server-only";
import { PROBLEM_CONTENT_TYPE, problemType, type Problem, type ProblemKind, type ProblemReference } from "@/lib/schemas/problem";

/**
 * The portal's one error type. Anything a handler, service or adapter throws ends up here and leaves the server
 * as RFC 9457 problem+json: never a stack trace, never a secret value (details are written by our code, not
 * copied from requests).
 */

const STATUS: Record<ProblemKind, number> = {
  "bad-request": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "payload-too-large": 413,
  "too-many-requests": 429,
  upstream: 502,
  "audit-unavailable": 503,
  internal: 500,
};

const TITLE: Record<ProblemKind, string> = {
  "bad-request": "Invalid request",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  "not-found": "Not found",
  "method-not-allowed": "Method not allowed",
  conflict: "Conflict",
  "payload-too-large": "Request too large",
  "too-many-requests": "Too many requests",
  upstream: "Upstream service failed",
  "audit-unavailable": "Audit log unavailable",
  internal: "Unexpected error",
};

/** A failure of a service the portal depends on (Key Vault, identity, the Kubernetes API), with its own error code. */
export interface UpstreamFailure {
  service: "key-vault" | "identity" | "kubernetes";
  code: string | null;
  /** For kind `upstream`: 502 (bad answer), 503 (unavailable), 504 (timed out). Default 502. */
  status?: 502 | 503 | 504;
}

export interface AppErrorOptions {
  /** Field path (`tags.env`) → messages, for `bad-request`. */
  errors?: Record<string, string[]>;
  upstream?: UpstreamFailure;
  retryAfterSeconds?: number;
  /** For `method-not-allowed`: the methods the resource has (`Allow` header). */
  allow?: readonly string[];
  /** For `conflict`: what still references the resource (names and where, never values). */
  references?: readonly ProblemReference[];
}

/** Next bundles instrumentation.ts and each route apart, so one process can hold several copies of this class
 * (the services singleton is built by one of them): `instanceof` checks this brand, not the class identity. */
const BRAND = Symbol.for("ops-portal.AppError");

export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly status: number;
  readonly errors?: Record<string, string[]>;
  readonly upstream?: UpstreamFailure;
  readonly retryAfterSeconds?: number;
  readonly allow?: readonly string[];
  readonly references?: readonly ProblemReference[];

  constructor(readonly kind: ProblemKind, readonly detail: string, options: AppErrorOptions = {}) {
    super(detail);
    this.name = "AppError";
    this.status = kind === "upstream" ? (options.upstream?.status ?? 502) : STATUS[kind];
    this.errors = options.errors;
    this.upstream = options.upstream;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
    this.references = options.references;
  }
}

/** Any thrown value as an AppError; what is not one already is an internal error (its details stay in the log). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError("internal", "The portal hit an unexpected error. Quote the request id to an administrator.");
}

export interface ProblemContext {
  /** The request path: RFC 9457 `instance`. */
  instance: string;
  requestId: string;
}

export function problemBody(e: AppError, ctx: ProblemContext): Problem {
  return {
    type: problemType(e.kind),
    title: TITLE[e.kind],
    status: e.status,
    detail: e.detail,
    instance: ctx.instance,
    requestId: ctx.requestId,
    ...(e.errors && { errors: e.errors }),
    ...(e.upstream && { upstream: { service: e.upstream.service, code: e.upstream.code } }),
    ...(e.retryAfterSeconds !== undefined && { retryAfterSeconds: e.retryAfterSeconds }),
    ...(e.references && { references: e.references.map((r) => ({ ...r })) }),
  };
}

export function problemResponse(e: AppError, ctx: ProblemContext): Response {
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" });
  if (e.retryAfterSeconds !== undefined) headers.set("retry-after", String(e.retryAfterSeconds));
  if (e.allow) headers.set("allow", e.allow.join(", "));
  return new Response(JSON.stringify(problemBody(e, ctx)), { status: e.status, headers });
}
