import { z } from "zod";
import { badParameter } from "./errors";
import { LIMITS, type SecretEntry } from "./model";

/**
 * Backup blobs. Azure's are opaque and protected by the service; ours are base64url JSON of the secret with all its
 * versions (values included, as a backup must), tagged so a blob from elsewhere is refused.
 */
const KIND = "ops-portal-local-key-vault-secret-backup";

const versionSchema = z.object({
  version: z.string().regex(/^[0-9a-f]{32}$/),
  value: z.string(),
  contentType: z.string().max(LIMITS.contentTypeChars).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  enabled: z.boolean(),
  nbf: z.number().int().optional(),
  exp: z.number().int().optional(),
  created: z.number().int(),
  updated: z.number().int(),
});

const blobSchema = z.object({
  kind: z.literal(KIND),
  entry: z.object({ name: z.string().regex(LIMITS.namePattern), versions: z.array(versionSchema).min(1) }),
});

export function encodeBackup(entry: SecretEntry): string {
  return Buffer.from(JSON.stringify({ kind: KIND, entry: { name: entry.name, versions: entry.versions } }), "utf8")
    .toString("base64url");
}

export function decodeBackup(value: string): SecretEntry {
  try {
    const parsed = blobSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data.entry;
  } catch {
    // falls through to the refusal below
  }
  throw badParameter("Invalid value for 'value': it is not a secret backup made by this vault.");
}

export const restoreInput = z.object({ value: z.string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") }) });
