import { z } from "zod";
import { blankToUndefined } from "./blank-to-undefined";

/**
 * Key Vault secrets as the portal API shows them. There is deliberately no `value` anywhere in this file:
 * a secret value travels one way (operator → Key Vault) and is never returned.
 */

/** Key Vault's own rule for secret names (SetSecret's spec pattern). */
export const keyVaultSecretName = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,127}$/, "Use 1–127 letters, digits or dashes");

export const KEY_VAULT_SECRET_PAGE_SIZE = { min: 1, max: 100, default: 25 } as const;

/** `GET /api/key-vault/secrets` query. */
export const keyVaultSecretListInput = z.object({
  search: z.preprocess(blankToUndefined, z.string().trim().max(127, "Search at most 127 characters").optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(4096, "Invalid cursor").optional()),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "Use a whole number from 1 to 100" })
      .int("Use a whole number from 1 to 100")
      .min(KEY_VAULT_SECRET_PAGE_SIZE.min, "Use 1 to 100")
      .max(KEY_VAULT_SECRET_PAGE_SIZE.max, "Use 1 to 100")
      .default(KEY_VAULT_SECRET_PAGE_SIZE.default),
  ),
});
export type KeyVaultSecretListInput = z.input<typeof keyVaultSecretListInput>;
export type KeyVaultSecretListQuery = z.output<typeof keyVaultSecretListInput>;

const isoDate = z.iso.datetime({ offset: true }).nullable();

/** One secret's properties (latest version), as listed. */
export const keyVaultSecretSummary = z.object({
  name: z.string(),
  contentType: z.string().nullable(),
  enabled: z.boolean(),
  createdOn: isoDate,
  updatedOn: isoDate,
  expiresOn: isoDate,
  notBefore: isoDate,
  tags: z.record(z.string(), z.string()),
});
export type KeyVaultSecretSummary = z.infer<typeof keyVaultSecretSummary>;

/**
 * `filling`: the server is still paging the vault into its name index; pages come straight from the vault
 * and a search only sees the names indexed so far (`count`). `ready`: the whole vault is indexed.
 */
export const keyVaultIndexState = z.enum(["filling", "ready"]);
export type KeyVaultIndexState = z.infer<typeof keyVaultIndexState>;

/** `GET /api/key-vault/secrets` response. `nextCursor` is opaque: pass it back as `cursor`. */
export const keyVaultSecretList = z.object({
  items: z.array(keyVaultSecretSummary),
  nextCursor: z.string().nullable(),
  index: z.object({ state: keyVaultIndexState, count: z.number().int().nonnegative() }),
});
export type KeyVaultSecretList = z.infer<typeof keyVaultSecretList>;
