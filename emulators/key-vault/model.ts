/** What the vault stores. Times are Unix seconds, as on Key Vault's wire. */
export interface SecretVersion {
  version: string;                     // 32 lowercase hex characters, like Azure's
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

export interface SecretEntry {
  name: string;                        // the case of the first set: Key Vault names are case-insensitive
  versions: SecretVersion[];           // creation order; the last one is the current version
  deleted?: { deletedDate: number; scheduledPurgeDate: number };
}

/** Soft delete is always on in Azure; the default (and maximum) retention is 90 days. */
export const RECOVERABLE_DAYS = 90;
export const RECOVERY_LEVEL = "Recoverable+Purgeable";

/** Limits of the Key Vault secrets API (learn.microsoft.com: about-secrets, service-limits). */
export const LIMITS = {
  namePattern: /^[0-9a-zA-Z-]{1,127}$/,
  valueBytes: 25_600,                  // "a maximum size of 25k bytes each"
  contentTypeChars: 255,
  tags: 15,
  tagNameChars: 256,
  tagValueChars: 256,
  pageSize: 25,
} as const;

export const nameKey = (name: string) => name.toLowerCase();

export const currentVersion = (entry: SecretEntry): SecretVersion | undefined => entry.versions.at(-1);

export const nowSeconds = () => Math.floor(Date.now() / 1000);
