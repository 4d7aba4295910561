import { RECOVERABLE_DAYS, RECOVERY_LEVEL, type SecretEntry, type SecretVersion } from "./model";

/**
 * Wire shapes of the secrets API (SecretBundle, SecretItem, DeletedSecretBundle, DeletedSecretItem). Ids are built
 * from the vault's own URL: the SDKs parse name and version out of them. Values appear only in bundles of a get/set.
 */
export function attributes(v: SecretVersion) {
  return {
    enabled: v.enabled,
    ...(v.nbf !== undefined ? { nbf: v.nbf } : {}),
    ...(v.exp !== undefined ? { exp: v.exp } : {}),
    created: v.created,
    updated: v.updated,
    recoverableDays: RECOVERABLE_DAYS,
    recoveryLevel: RECOVERY_LEVEL,
  };
}

function common(v: SecretVersion) {
  return {
    ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
    attributes: attributes(v),
    ...(v.tags !== undefined ? { tags: v.tags } : {}),
  };
}

export function secretBundle(vaultUrl: string, entry: SecretEntry, v: SecretVersion, withValue: boolean) {
  return {
    ...(withValue ? { value: v.value } : {}),
    id: `${vaultUrl}secrets/${entry.name}/${v.version}`,
    ...common(v),
  };
}

/** A list item: the secret's current version, id without a version. */
export function secretItem(vaultUrl: string, entry: SecretEntry, v: SecretVersion) {
  return { id: `${vaultUrl}secrets/${entry.name}`, ...common(v) };
}

/** A versions-list item: id with the version. */
export function versionItem(vaultUrl: string, entry: SecretEntry, v: SecretVersion) {
  return { id: `${vaultUrl}secrets/${entry.name}/${v.version}`, ...common(v) };
}

function deletion(vaultUrl: string, entry: SecretEntry) {
  return {
    recoveryId: `${vaultUrl}deletedsecrets/${entry.name}`,
    deletedDate: entry.deleted?.deletedDate,
    scheduledPurgeDate: entry.deleted?.scheduledPurgeDate,
  };
}

export function deletedBundle(vaultUrl: string, entry: SecretEntry, v: SecretVersion) {
  return { ...deletion(vaultUrl, entry), ...secretBundle(vaultUrl, entry, v, false) };
}

export function deletedItem(vaultUrl: string, entry: SecretEntry, v: SecretVersion) {
  return { ...deletion(vaultUrl, entry), ...secretItem(vaultUrl, entry, v) };
}
