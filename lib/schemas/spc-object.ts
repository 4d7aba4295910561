import { z } from "zod";
import { keyVaultSecretName } from "@/lib/schemas/key-vault-secret";

/**
 * One Key Vault object a SecretProviderClass lists in its `objects` parameter (Azure provider, domain.md §1.3).
 * Fields the provider knows are shown as written (`null` when absent); fields it does not know are kept by the
 * portal when it rewrites `objects`, but not shown.
 */
export const spcObject = z.object({
  objectName: z.string(),
  /** `secret`, `key` or `cert` for a working class; shown as written. */
  objectType: z.string().nullable(),
  objectAlias: z.string().nullable(),
  /** `""`/`latest` = the current version; else a 32-hex version id. */
  objectVersion: z.string().nullable(),
  objectVersionHistory: z.number().int().nullable(),
  objectEncoding: z.string().nullable(),
  objectFormat: z.string().nullable(),
  filePermission: z.string().nullable(),
  /** The file the provider writes (`objectAlias`, else `objectName`): what a SecretSync's `sourcePath` names. */
  fileName: z.string(),
});
export type SpcObject = z.infer<typeof spcObject>;

/** A file name as a SecretSync's `sourcePath` accepts it (the released CRD's pattern, without the `/<n>` suffix). */
const fileName = z.string().regex(/^[A-Za-z0-9.]([-A-Za-z0-9]+([-._a-zA-Z0-9]?[A-Za-z0-9])*)?$/,
  "Use letters, digits, dots and dashes (at most 253)").max(253, "Use at most 253 characters");

/** An object to add to a SecretProviderClass. Only Key Vault secrets are synced by the portal. */
export const newSpcObjectInput = z.object({
  objectName: keyVaultSecretName,
  objectType: z.enum(["secret", "key", "cert"]).default("secret"),
  objectAlias: fileName.optional(),
  objectVersion: z.string().regex(/^(|latest|[0-9a-f]{32})$/, "Use latest or a 32-character version id").optional(),
  objectVersionHistory: z.number().int().min(1).max(200).optional(),
  objectEncoding: z.enum(["utf-8", "base64", "hex"]).optional(),
  objectFormat: z.enum(["pem", "pfx"]).optional(),
  filePermission: z.string().regex(/^0?[0-7]{3}$/, "Use an octal mode such as 0644").optional(),
}).refine((o) => o.objectEncoding === undefined || o.objectType === "secret",
  { message: "Only secrets take an encoding", path: ["objectEncoding"] });
export type NewSpcObjectInput = z.input<typeof newSpcObjectInput>;
export type NewSpcObject = z.output<typeof newSpcObjectInput>;
