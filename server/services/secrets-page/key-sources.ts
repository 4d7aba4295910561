import "server-only";
import type { EndpointSyncState } from "@/lib/schemas/device-api";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import type { KeyVaultSource, SourceWarning, SyncedSecretReference } from "@/lib/schemas/synced-secret-list";

/**
 * A synced secret's keys joined with their Key Vault sources: each key's `sourcePath` names a file of its
 * SecretProviderClass (`objectAlias`, else `objectName`; `/<n>` picks a version of the history), and that object's
 * `objectName` is the Key Vault secret (domain.md §1.3, §2).
 */
export function keyReferences(sync: SecretSync, spc: SecretProviderClass | undefined): SyncedSecretReference[] {
  const usable = spc && spc.objectsProblem === null ? spc : undefined;
  return sync.data.map((m) => ({ sourcePath: m.sourcePath, targetKey: m.targetKey,
    source: usable ? sourceOf(fileNameOf(m.sourcePath), usable.objects) : null }));
}

/** `sourcePath` without the version-history suffix (`cert/1` → `cert`). */
export const fileNameOf = (sourcePath: string): string => sourcePath.replace(/(\/[0-9]+)+$/, "");

/** A 32-hex `objectVersion` pins the object to that version; `""`/`latest`/absent follow the newest. */
export const pinnedVersionOf = (o: Pick<SpcObject, "objectVersion">): string | null =>
  o.objectVersion && /^[0-9a-fA-F]{32}$/.test(o.objectVersion) ? o.objectVersion : null;

function sourceOf(fileName: string, objects: readonly SpcObject[]): KeyVaultSource {
  const o = objects.find((x) => x.fileName === fileName);
  if (!o) return { fileName, keyVaultSecretName: null, objectType: null, pinnedVersion: null, objectEncoding: null };
  return { fileName, keyVaultSecretName: o.objectName, objectType: o.objectType, pinnedVersion: pinnedVersionOf(o),
    objectEncoding: o.objectEncoding };
}

const DAY_MS = 24 * 3600 * 1000;
/** Warn this long before a source expires. */
export const EXPIRING_WITHIN_DAYS = 30;

export interface IndexView {
  /** The name index is complete: a name it does not hold does not exist. */
  ready: boolean;
  get(name: string): KeyVaultSecretSummary | undefined;
  /** ISO: when its last full pass ended (null: none yet, or not known). */
  updatedAt?: string | null;
}

/**
 * What is wrong, or about to be, with the sources, from the name index only (no Key Vault call): one warning per
 * source and problem, naming the keys it fills. Key Vault keys (`objectType: key`) are not in the index of secrets,
 * so they are not judged.
 */
export function sourceWarnings(references: readonly SyncedSecretReference[], spcName: string, index: IndexView,
  now: Date, o: { lastSuccessfulSyncTime?: string | null } = {}): SourceWarning[] {
  // The controller read every source after the index's last pass (a secret created since, e.g. the fix of a failed
  // sync): the index is only older, so "missing" would contradict the Synced state next to it.
  const syncedSinceIndex = !!o.lastSuccessfulSyncTime && !!index.updatedAt
    && Date.parse(o.lastSuccessfulSyncTime) > Date.parse(index.updatedAt);
  const warnings: SourceWarning[] = [];
  const bySource = new Map<string, string[]>();
  for (const r of references) {
    if (!r.source) continue;
    if (r.source.keyVaultSecretName === null) {
      warnings.push({ kind: "no-spc-object", source: r.source.fileName, targetKeys: [r.targetKey], at: null,
        message: `Key '${r.targetKey}' takes file '${r.source.fileName}', which SecretProviderClass '${spcName}' does not list.` });
      continue;
    }
    if (r.source.objectType === "key") continue;
    const keys = bySource.get(r.source.keyVaultSecretName) ?? [];
    keys.push(r.targetKey);
    bySource.set(r.source.keyVaultSecretName, keys);
  }
  for (const [name, targetKeys] of bySource) {
    const s = index.get(name);
    const w = (kind: SourceWarning["kind"], at: string | null, message: string) =>
      warnings.push({ kind, source: name, targetKeys, at, message });
    if (!s) {
      if (index.ready && !syncedSinceIndex) w("missing", null, `Key Vault secret '${name}' does not exist: the sync controller cannot fill ${keysInWords(targetKeys)}.`);
      continue;
    }
    if (!s.enabled) w("disabled", null, `Key Vault secret '${name}' is disabled: the sync controller cannot read it.`);
    const expires = s.expiresOn ? Date.parse(s.expiresOn) : Number.NaN;
    const active = s.notBefore ? Date.parse(s.notBefore) : Number.NaN;
    if (expires <= now.getTime()) w("expired", s.expiresOn, `Key Vault secret '${name}' expired on ${day(s.expiresOn!)}.`);
    else if (expires - now.getTime() <= EXPIRING_WITHIN_DAYS * DAY_MS) {
      const days = Math.max(1, Math.ceil((expires - now.getTime()) / DAY_MS));
      w("expiring-soon", s.expiresOn, `Key Vault secret '${name}' expires on ${day(s.expiresOn!)} (in ${days} day${days === 1 ? "" : "s"}).`);
    }
    if (active > now.getTime()) w("not-yet-active", s.notBefore, `Key Vault secret '${name}' is not active until ${day(s.notBefore!)}.`);
  }
  return warnings;
}

const day = (iso: string) => iso.slice(0, 10);
const keysInWords = (keys: string[]) => (keys.length === 1 ? `key '${keys[0]}'` : `keys ${keys.map((k) => `'${k}'`).join(", ")}`);

/** When the synced secret last synced, if it shows Synced now (a failure or a pending sync stands otherwise). */
export function syncedAt(sync: EndpointSyncState): string | null {
  return sync.state === "synced" ? sync.lastSuccessfulSyncTime : null;
}
