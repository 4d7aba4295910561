import { z } from "zod";

/** `GET /api/health`: the portal process answers. */
export const health = z.object({ ok: z.literal(true) });
export type Health = z.infer<typeof health>;
