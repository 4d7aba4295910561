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
});
export type Problem = z.infer<typeof problem>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The `type` URI of a kind: relative, resolved against the portal's origin. */
export const problemType = (kind: ProblemKind): string => `/problems/${kind}`;
