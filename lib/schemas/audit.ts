import { z } from "zod";

/**
 * The audit log: who did what through the portal API, to which resources, with what outcome. It never holds a
 * secret value: entries are built from the route, the caller, the outcome and the *names* a request gives.
 *
 * A write is recorded twice: an intent before anything is changed (if that cannot be recorded, nothing is
 * changed) and its outcome after. A request that never reached its handler (a refusal, a body that did not
 * validate, a failed dry run) changed nothing and gets one complete entry, as every write did in older logs.
 * The Activity page shows each write as one {@link activityItem}.
 */
export const auditOutcome = z.enum(["succeeded", "failed", "denied"]);
export type AuditOutcome = z.infer<typeof auditOutcome>;

/** An outcome as the Activity page shows it: `unknown` when only the intent was recorded. */
export const activityOutcome = z.enum([...auditOutcome.options, "unknown"]);
export type ActivityOutcome = z.infer<typeof activityOutcome>;

export const auditActor = z.object({
  /** Entra object id (`oid`) of the person or application. */
  oid: z.string(),
  name: z.string(),
  kind: z.enum(["user", "application"]),
});

const common = {
  id: z.string(),
  time: z.string(),
  requestId: z.string(),
  actor: auditActor,
  /** What was done, e.g. `key-vault-secret.create`, or `POST /api/…` for a route without an action name. */
  action: z.string(),
  /** The resources, by name or path (never a value). */
  resources: z.array(z.string()),
};

const result = {
  outcome: auditOutcome,
  /** The HTTP status the portal answered. */
  status: z.number().int(),
  /** For failures: the problem kind (`forbidden`, `upstream`…) and the upstream service's own error code. */
  problem: z.string().optional(),
  upstreamCode: z.string().nullable().optional(),
};

/** Recorded before the handler runs: what the validated request names (route parameters, names in the body). */
export const auditIntent = z.object({ ...common, phase: z.literal("intent") });
export type AuditIntent = z.infer<typeof auditIntent>;

/** Recorded after the handler: how it ended and what it touched. `intentId` is the {@link auditIntent}'s `id`. */
export const auditResult = z.object({ ...common, ...result, phase: z.literal("outcome"), intentId: z.string() });
export type AuditResult = z.infer<typeof auditResult>;

/** One complete entry for a write that changed nothing (and every entry of logs written before intents). */
export const auditEntry = z.object({ ...common, ...result });
export type AuditEntry = z.infer<typeof auditEntry>;

/** A line of the audit log. Order matters: an outcome also has every field of a complete entry. */
export const auditRecord = z.union([auditIntent, auditResult, auditEntry]);
export type AuditRecord = z.infer<typeof auditRecord>;

/**
 * One write on the Activity page: an intent joined with its outcome (`id` and `time` are the intent's, resources
 * those of both), or a complete entry. `status` is null while the outcome is unknown.
 */
export const activityItem = z.object({
  ...common,
  outcome: activityOutcome,
  status: z.number().int().nullable(),
  problem: z.string().optional(),
  upstreamCode: z.string().nullable().optional(),
});
export type ActivityItem = z.infer<typeof activityItem>;

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "Use an ISO 8601 date and time");

/** The Activity page's filters; an absent field does not filter. */
export const activityFilter = z.object({
  /** Case-insensitive substring of the actor's name, or their exact object id. */
  user: z.string().trim().max(200).optional(),
  /** Case-insensitive substring of the action. */
  action: z.string().trim().max(200).optional(),
  outcome: activityOutcome.optional(),
  /** ISO instants, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ActivityFilter = z.infer<typeof activityFilter>;

/** True when no field filters: compared by value, so a cleared filter is no filter. */
export function isUnfiltered(f: ActivityFilter): boolean {
  return Object.values(f).every((v) => v === undefined || v === "");
}

/** `GET /api/activity`: the filters and one page (a cursor from the previous page's `nextCursor`). */
export const auditListInput = activityFilter.extend({
  cursor: z.string().regex(/^\d{1,12}$/, "Use the nextCursor of the previous page").optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;

export const auditPage = z.object({
  /** Newest first. */
  items: z.array(activityItem),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;
