import { z } from "zod";

/** A core/v1 Event as the portal shows it: what happened to an object, by whom, how often, and when. */
export const kubeEvent = z.object({
  /** `Normal` or `Warning`. */
  type: z.string(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  count: z.number().int().nullable(),
  /** ISO; `firstTimestamp` (else `eventTime`). */
  firstSeen: z.string().nullable(),
  /** ISO; `lastTimestamp`, else `eventTime`, else `firstTimestamp`. */
  lastSeen: z.string().nullable(),
  /** `source.component`, else `reportingComponent`. */
  source: z.string().nullable(),
  /** The uid of the object it is about (`involvedObject.uid`), to tell a re-created object's events apart. */
  involvedUid: z.string().nullable(),
});
export type KubeEvent = z.infer<typeof kubeEvent>;
