import { z } from "zod";
import { badParameter } from "./errors";
import { LIMITS } from "./model";

/** Key Vault takes Unix seconds; clients that send fractions get them floored rather than refused. */
const unixTime = z.number({ error: "must be a number of seconds since 1970-01-01 (Unix time)" })
  .min(0, "must not be negative").max(253_402_300_799, "must be before the year 10000")
  .transform(Math.floor);

// Clients send null for "not given" (Python's serializer, older SDKs); Azure treats it as absent.
const attributesInput = z.object({
  enabled: z.boolean({ error: "must be true or false" }).nullish(),
  nbf: unixTime.nullish(),
  exp: unixTime.nullish(),
}, { error: "must be an object" }).nullish();

const tagsInput = z.record(z.string(), z.string({ error: "must be a string" }), { error: "must be an object of strings" })
  .superRefine((tags, ctx) => {
    const names = Object.keys(tags);
    if (names.length > LIMITS.tags) ctx.addIssue({ code: "custom", message: `at most ${LIMITS.tags} tags are allowed, got ${names.length}` });
    for (const name of names) {
      if (name.length === 0 || name.length > LIMITS.tagNameChars) {
        ctx.addIssue({ code: "custom", message: `tag names must have 1 to ${LIMITS.tagNameChars} characters` });
      } else if ((tags[name] ?? "").length > LIMITS.tagValueChars) {
        ctx.addIssue({ code: "custom", path: [name], message: `tag values must have at most ${LIMITS.tagValueChars} characters` });
      }
    }
  }).nullish();

const contentTypeInput = z.string({ error: "must be a string" })
  .max(LIMITS.contentTypeChars, `must have at most ${LIMITS.contentTypeChars} characters`).nullish();

/** SecretSetParameters. Unknown properties are ignored, as Azure does. */
export const setSecretInput = z.object({
  value: z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .refine((v) => Buffer.byteLength(v, "utf8") <= LIMITS.valueBytes,
      `exceeds the maximum secret size of ${LIMITS.valueBytes} bytes`),
  contentType: contentTypeInput,
  attributes: attributesInput,
  tags: tagsInput,
});
export type SetSecretInput = z.infer<typeof setSecretInput>;

/** SecretUpdateParameters: the value of a version is immutable. */
export const updateSecretInput = z.object({
  contentType: contentTypeInput,
  attributes: attributesInput,
  tags: tagsInput,
});
export type UpdateSecretInput = z.infer<typeof updateSecretInput>;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Parses a JSON request body against a schema; every refusal is a 400 BadParameter naming the field. */
export function parseJsonBody<T extends z.ZodType>(schema: T, raw: Buffer): z.output<T> {
  let json: unknown;
  try {
    // fatal: bytes that are not UTF-8 are refused, not silently stored as U+FFFD (Azure's JSON reader refuses them).
    json = JSON.parse(UTF8.decode(raw));
  } catch {
    throw badParameter(raw.length === 0 ? "The request body is empty; a JSON object is required."
      : "The request body is not valid JSON.");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw badParameter("The request body must be a JSON object.");
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  throw badParameter(`Invalid value for '${field}': ${issue?.message ?? "invalid"}.`);
}

export function checkSecretName(name: string): void {
  if (!LIMITS.namePattern.test(name)) {
    throw badParameter(`The request URI contains an invalid name: ${name}. Secret names must be 1-127 characters ` +
      "long and contain only letters, digits and dashes.");
  }
}
