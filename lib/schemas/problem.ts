import { z } from "zod";

/**
 * RFC 9457 `application/problem+json`, as every portal API error is sent. `type` is `/problems/<kind>`;
 * `errors` maps a field path (`tags.env`, `pageSize`) to messages for validation failures, so a form can show
 * them beside its fields; `upstream` names the service that failed (Key Vault, identity) and its own error code.
 */
export const problemKind = z.enum([
  "bad-request",
  "unauthenticated",
  "forbidden",
  "not-found",
  "method-not-allowed",
  "conflict",
  "payload-too-large",
  "too-many-requests",
  "upstream",
  /** 503: the audit log could not record a write's intent, so the write was not run (nothing changed). */
  "audit-unavailable",
  "internal",
]);
export type ProblemKind = z.infer<typeof problemKind>;

/** A resource that still references the one a request would change (same shape as a synced secret's user). */
export const problemReference = z.object({
  kind: z.enum(["Device", "DataflowEndpoint"]),
  name: z.string(),
  via: z.string(),
  key: z.string().nullable(),
});
export type ProblemReference = z.infer<typeof problemReference>;

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
  upstream: z.object({ service: z.string(), code: z.string().nullable() }).optional(),
  /** Seconds to wait before retrying (429, some 503), also sent as the `Retry-After` header. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /**
   * For a 409 that something still references (deleting a synced secret a device or data flow endpoint uses): who,
   * and where, so the page can link to them.
   */
  references: z.array(problemReference).optional(),
});
export type Problem = z.infer<typeof problem>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The `type` URI of a kind: relative, resolved against the portal's origin. */
export const problemType = (kind: ProblemKind): string => `/problems/${kind}`;
