import { z } from "zod";
import { keyVaultSecretName } from "@/lib/schemas/key-vault-secret";

/**
 * One secret field of an endpoint form, as **Add reference** fills it (seed 002): either a Key Vault secret that
 * already exists (*Add from Azure Key Vault*, latest version) or a new one (*Create new secret*) whose value
 * travels once, in the save request, to Key Vault. Nothing that reads a reference back ever carries a value:
 * the server answers with `existing` references only.
 */

/** Key Vault's limit on a secret value: 25 KB, counted in UTF-8 bytes of the text sent. */
export const KEY_VAULT_VALUE_MAX_BYTES = 25 * 1024;

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

const isoDateTime = z.iso.datetime({ offset: true, message: "Use a date and time" });

export const existingSecretReference = z.object({
  source: z.literal("existing"),
  keyVaultSecretName,
});
export type ExistingSecretReference = z.infer<typeof existingSecretReference>;

export const newSecretReference = z.object({
  source: z.literal("new"),
  keyVaultSecretName,
  /** Write-only: never logged, returned, stored in the browser or put in a message. */
  value: z.string()
    .min(1, "Enter a value")
    .refine((v) => utf8Bytes(v) <= KEY_VAULT_VALUE_MAX_BYTES, "Key Vault takes at most 25 KB (25,600 bytes)"),
  contentType: z.string().max(255, "Use at most 255 characters").optional(),
  /** Set activation date (Key Vault `nbf`). */
  notBefore: isoDateTime.optional(),
  /** Set expiration date (Key Vault `exp`). */
  expiresOn: isoDateTime.optional(),
}).refine((r) => !r.notBefore || !r.expiresOn || Date.parse(r.notBefore) < Date.parse(r.expiresOn),
  { message: "The expiration date must be after the activation date", path: ["expiresOn"] });
export type NewSecretReference = z.infer<typeof newSecretReference>;

export const secretReference = z.discriminatedUnion("source", [existingSecretReference, newSecretReference]);
export type SecretReference = z.infer<typeof secretReference>;

/** A form field's value: no reference yet, or one. */
export const optionalSecretReference = secretReference.nullable();

/** The Key Vault secret a reference names (the SPC object's `objectName`). */
export const referenceSecretName = (r: SecretReference): string => r.keyVaultSecretName;
