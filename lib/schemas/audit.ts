import { z } from "zod";

/**
 * The audit log: one entry per write through the portal API (who, what, which resources, outcome, request id,
 * time). It never holds a secret value: entries are built from the route, the caller and the outcome, never from
 * a request body.
 */
export const auditOutcome = z.enum(["succeeded", "failed", "denied"]);
export type AuditOutcome = z.infer<typeof auditOutcome>;

export const auditActor = z.object({
  /** Entra object id (`oid`) of the person or application. */
  oid: z.string(),
  name: z.string(),
  kind: z.enum(["user", "application"]),
});

export const auditEntry = z.object({
  id: z.string(),
  time: z.string(),
  requestId: z.string(),
  actor: auditActor,
  /** What was done, e.g. `key-vault-secret.create`, or `POST /api/…` for a route without an action name. */
  action: z.string(),
  /** The resources it touched, by name or path (never a value). */
  resources: z.array(z.string()),
  outcome: auditOutcome,
  /** The HTTP status the portal answered. */
  status: z.number().int(),
  /** For failures: the problem kind (`forbidden`, `upstream`…) and the upstream service's own error code. */
  problem: z.string().optional(),
  upstreamCode: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "Use an ISO 8601 date and time");

export const auditListInput = z.object({
  /** Case-insensitive substring of the actor's name, or their exact object id. */
  user: z.string().trim().max(200).optional(),
  /** Case-insensitive substring of the action. */
  action: z.string().trim().max(200).optional(),
  outcome: auditOutcome.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().regex(/^\d{1,12}$/, "Use the nextCursor of the previous page").optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;

export const auditPage = z.object({
  /** Newest first. */
  items: z.array(auditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;
