import "server-only";
import { z } from "zod";
import { blankToUndefined } from "@/lib/schemas/blank-to-undefined";

/**
 * The building blocks of the environment's schemas (env.ts, auth-env.ts). Values are trimmed, and a blank variable
 * (`FOO=` or spaces) counts as missing, so a required one fails by name.
 */

export const text = z.preprocess(blankToUndefined,
  z.string({ error: (i) => (i.input === undefined ? "is required" : "must be text") }).trim().optional());

/** A variable that must be set, checked by `schema` first. */
export const required = (schema: z.ZodType<string | undefined>) =>
  schema.refine((v) => v !== undefined, { message: "is required", abort: true });

/** A variable that must be set, as text (for refinements that need a value). */
export const requiredText = z.preprocess(blankToUndefined, z.string({ error: "is required" }).trim());

export function isHttpsUrl(v: string): boolean {
  try {
    return new URL(v).protocol === "https:";
  } catch {
    return false;
  }
}

export const httpsUrl = text.refine((v) => v === undefined || isHttpsUrl(v), "must be an https URL");

export const flag = text.refine((v) => v === undefined || /^(true|false|1|0)$/i.test(v), "must be true or false")
  .transform((v) => v !== undefined && /^(true|1)$/i.test(v));
