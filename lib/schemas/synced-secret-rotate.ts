import { z } from "zod";
import { keyVaultSecretName, keyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { KEY_VAULT_VALUE_MAX_BYTES, utf8Bytes } from "@/lib/schemas/secret-reference";

/**
 * *Rotate* (`POST /api/synced-secrets/{name}/rotate`): a new version of one Key Vault secret the synced secret
 * takes a key from, then *sync now* on every synced secret that uses it. The dialog and the route parse the same
 * schema. The value is write-only: never logged, returned, stored in the browser or put in a message.
 *
 * Not here, because it needs the secret's current content type: when that (or the new `contentType`) says PEM, the
 * value must be PEM the connector can use (`pemValueProblem` in lib/pem/pem-value.ts); the route checks it too.
 */

const isoDateTime = z.iso.datetime({ offset: true, message: "Use a date and time" });

const rotateFields = z.object({
  /** The Key Vault secret to rotate: one of the synced secret's sources. */
  source: keyVaultSecretName,
  value: z.string()
    .min(1, "Enter a value")
    .refine((v) => utf8Bytes(v) <= KEY_VAULT_VALUE_MAX_BYTES, "Key Vault takes at most 25 KB (25,600 bytes)"),
  /** Omitted: the current version's content type is carried over. */
  contentType: z.string().max(255, "Use at most 255 characters").optional(),
  /** Activation (`nbf`) and expiry (`exp`): omitted keeps the current version's, null clears it. */
  notBefore: isoDateTime.nullable().optional(),
  expiresOn: isoDateTime.nullable().optional(),
  /** A UUID per dialog opening: a retried request recognises its own version (vault tag) instead of writing twice. */
  idempotencyKey: z.uuid("Send a UUID as idempotencyKey"),
});

const datesInOrder = (r: { notBefore?: string | null; expiresOn?: string | null }) =>
  !r.notBefore || !r.expiresOn || Date.parse(r.notBefore) < Date.parse(r.expiresOn);
const ORDER = { message: "The expiration date must be after the activation date", path: ["expiresOn"] };

/** What the dialog sends to rotate. */
export const rotateSecretInput = rotateFields.refine(datesInOrder, ORDER);
export type RotateSecretInput = z.infer<typeof rotateSecretInput>;

/**
 * The route's body: with `?dryRun=All` only `source` is needed (the dialog shows what a rotation would sync before
 * the value is typed); without it, every field of {@link rotateSecretInput}.
 */
export const rotateSecretRequest = rotateFields.partial({ value: true, idempotencyKey: true }).refine(datesInOrder, ORDER);
export type RotateSecretRequest = z.infer<typeof rotateSecretRequest>;

/** One synced secret a rotation reaches (any that maps the Key Vault secret), and what the rotation does to it. */
export const rotationTarget = z.object({
  name: z.string(),
  system: z.boolean(),
  /** `sync-now`: asked to sync at once. `pinned`: its SPC object names one version, so it keeps the old value.
   * `system`: the portal does not touch it; the controller picks the new version up at its next poll. */
  action: z.enum(["sync-now", "pinned", "system"]),
  reason: z.string().nullable(),
  /** After a real rotation: whether sync now was written, and its token. Null in a dry run. */
  result: z.object({
    outcome: z.enum(["requested", "failed"]),
    forceSynchronization: z.string().nullable(),
    /** Why it failed, in words (the rotation itself stands: the controller's next poll syncs it). */
    detail: z.string().nullable(),
  }).nullable(),
});
export type RotationTarget = z.infer<typeof rotationTarget>;

export const rotateSecretResult = z.object({
  dryRun: z.boolean(),
  source: z.string(),
  /** The version written (null in a dry run). */
  version: z.string().nullable(),
  /** The new version's properties (never its value); in a dry run, the current ones. */
  keyVaultSecret: keyVaultSecretSummary.nullable(),
  syncedSecrets: z.array(rotationTarget),
});
export type RotateSecretResult = z.infer<typeof rotateSecretResult>;
