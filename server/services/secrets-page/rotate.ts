import "server-only";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { SAVE_ID_VAULT_TAG } from "@/lib/schemas/portal-annotations";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { RotateSecretRequest, RotateSecretResult, RotationTarget } from "@/lib/schemas/synced-secret-rotate";
import { isPemContentType, pemValueProblem } from "@/lib/pem/pem-value";
import { problemText } from "@/lib/pem/form-rules";
import type { KeyVaultSecretsAdapter, WrittenKeyVaultSecret } from "@/server/adapters/key-vault";
import type { KubeAdapter } from "@/server/adapters/kube";
import { AppError } from "@/server/errors";
import { keyReferences } from "./key-sources";
import { systemOf } from "./rows";
import { syncNow } from "./sync-now";

export type RotateKube = Pick<KubeAdapter, "instance"> & {
  secretSyncs: Pick<KubeAdapter["secretSyncs"], "get" | "list" | "requestSync">;
  secretProviderClasses: Pick<KubeAdapter["secretProviderClasses"], "list">;
};
export type RotateVault = Pick<KeyVaultSecretsAdapter, "vault" | "getSecretProperties" | "setSecretOnce">;

export interface RotateDeps {
  kube: RotateKube;
  vault: RotateVault;
  now: () => Date;
  /** Told of the version written (properties only), e.g. to update the name index at once. */
  onVaultSecretWritten?: (secret: KeyVaultSecretSummary) => void;
}

const WRITE_ATTEMPTS = 3;
const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/**
 * *Rotate*: a new version of one Key Vault secret a synced secret takes a key from, then *sync now* on every synced
 * secret that maps it, so the new value reaches the cluster at once instead of at the controller's next poll.
 *
 * - Refused for a system synced secret (403), for a name that is not one of its sources (400), and when its
 *   SecretProviderClass pins that source to one version (`objectVersion`, 409): a new version would never reach it.
 * - The version is written once, as a save writes (server/services/endpoint-save/vault-writes.ts): the SDK's retry
 *   off, the request's idempotency key as the `ops-portal-save` tag, and after a failure that may have landed, a read
 *   back that recognises its own tag instead of writing a second version. A retry of a request that already wrote
 *   finds its tag on the latest version and writes nothing.
 * - Content type, tags, activation and expiry are carried over from the current version unless the request changes
 *   them. A value whose content type says PEM must be readable PEM.
 * - Other synced secrets mapping the source: system ones are not touched (the controller picks the new version up
 *   at its next poll) and ones pinned to a version keep the old value; both are listed with the reason.
 * - The value is never returned, logged or put in a message.
 */
export async function rotateSource(deps: RotateDeps, name: string, body: RotateSecretRequest, o: { dryRun: boolean }):
  Promise<RotateSecretResult> {
  const { kube, vault } = deps;
  const [instance, sync, syncs, classes] = await Promise.all([
    kube.instance.get(), kube.secretSyncs.get(name), kube.secretSyncs.list(), kube.secretProviderClasses.list(),
  ]);
  const defaultSpcName = instance.defaultSecretProviderClass?.name ?? null;
  const { system, systemReason } = systemOf(sync, defaultSpcName);
  if (system) throw new AppError("forbidden", systemReason ?? `Synced secret '${name}' is a system synced secret.`);

  const byName = new Map(classes.map((c) => [c.name, c]));
  const ownClass = byName.get(sync.secretProviderClassName);
  const own = keyReferences(sync, ownClass).filter((r) => r.source?.keyVaultSecretName);
  const mine = own.filter((r) => same(r.source!.keyVaultSecretName, body.source));
  if (mine.length === 0) {
    const sources = [...new Set(own.map((r) => r.source!.keyVaultSecretName!))];
    const message = `'${body.source}' is not a Key Vault source of synced secret '${name}'` +
      (sources.length > 0 ? `; its sources are ${sources.map((x) => `'${x}'`).join(", ")}.` : ".");
    throw new AppError("bad-request", message, { errors: { source: [message] } });
  }
  const source = mine[0]!.source!.keyVaultSecretName!;
  if (ownClass && !sameVault(ownClass, vault.vault.name)) {
    throw new AppError("conflict", `Synced secret '${name}' reads Key Vault '${ownClass.keyVaultName}', not the portal's ` +
      `'${vault.vault.name}', so the portal cannot rotate its sources.`);
  }
  const pinned = mine.find((r) => r.source!.pinnedVersion);
  if (pinned) {
    const message = `SecretProviderClass '${sync.secretProviderClassName}' pins '${source}' to version ` +
      `${pinned.source!.pinnedVersion} (objectVersion), so a new version would not reach synced secret '${name}'. ` +
      "Rotate it where the pin is managed, or remove the pin first.";
    throw new AppError("conflict", message, { errors: { source: [message] } });
  }

  const targets = rotationTargets(source, syncs, byName, defaultSpcName, vault.vault.name);
  const current = await vault.getSecretProperties(source);
  if (o.dryRun) return { dryRun: true, source, version: null, keyVaultSecret: current, syncedSecrets: targets };

  const value = body.value;
  if (value === undefined || body.idempotencyKey === undefined) {
    const errors: Record<string, string[]> = {};
    if (value === undefined) errors.value = ["Enter a value"];
    if (body.idempotencyKey === undefined) errors.idempotencyKey = ["Send a UUID as idempotencyKey"];
    throw new AppError("bad-request", "The request body did not validate.", { errors });
  }
  const contentType = body.contentType ?? current.contentType ?? undefined;
  if (isPemContentType(contentType)) {
    const problem = await pemValueProblem(value);
    if (problem) throw new AppError("bad-request", "The new value is not the PEM this secret holds.", { errors: { value: [problemText(problem)] } });
  }
  const written = await writeVersionOnce(vault, {
    name: source, value, contentType,
    tags: { ...current.tags, [SAVE_ID_VAULT_TAG]: body.idempotencyKey },
    notBefore: dateOf(body.notBefore === undefined ? current.notBefore : body.notBefore),
    expiresOn: dateOf(body.expiresOn === undefined ? current.expiresOn : body.expiresOn),
  }, body.idempotencyKey, current);
  deps.onVaultSecretWritten?.(written);

  // Sync now on each, one failure not stopping the others: the new version stands, and the controller's next
  // poll syncs whatever could not be asked now.
  const at = deps.now();
  const results = await Promise.all(targets.map(async (t): Promise<RotationTarget> => {
    if (t.action !== "sync-now") return { ...t, result: null };
    try {
      const read = t.name === name ? sync : syncs.find((x) => x.name === t.name);
      const r = await syncNow(kube, t.name, defaultSpcName, at, read);
      return { ...t, result: { outcome: "requested", forceSynchronization: r.forceSynchronization, detail: null } };
    } catch (err) {
      const detail = err instanceof AppError ? err.detail : "The sync could not be requested.";
      return { ...t, result: { outcome: "failed", forceSynchronization: null, detail } };
    }
  }));
  return { dryRun: false, source, version: written.version ?? null, keyVaultSecret: written, syncedSecrets: results };
}

/** Every synced secret that maps the Key Vault secret through a class of the portal's vault. */
function rotationTargets(source: string, syncs: readonly SecretSync[], classes: ReadonlyMap<string, SecretProviderClass>,
  defaultSpcName: string | null, vaultName: string): RotationTarget[] {
  const targets: RotationTarget[] = [];
  for (const s of [...syncs].sort((a, b) => a.name.localeCompare(b.name))) {
    const spc = classes.get(s.secretProviderClassName);
    if (!spc || !sameVault(spc, vaultName)) continue;
    const refs = keyReferences(s, spc).filter((r) => same(r.source?.keyVaultSecretName, source));
    if (refs.length === 0) continue;
    const { system } = systemOf(s, defaultSpcName);
    const pin = refs.find((r) => r.source!.pinnedVersion)?.source!.pinnedVersion ?? null;
    if (system) {
      targets.push({ name: s.name, system, action: "system", result: null, reason: `A system synced secret ` +
        `(SecretProviderClass '${s.secretProviderClassName}'): the portal does not touch it; the sync controller picks the new version up at its next poll.` });
    } else if (pin) {
      targets.push({ name: s.name, system, action: "pinned", result: null,
        reason: `SecretProviderClass '${s.secretProviderClassName}' pins it to version ${pin}: it keeps the old value.` });
    } else {
      targets.push({ name: s.name, system, action: "sync-now", result: null, reason: null });
    }
  }
  return targets;
}

/** A class names its vault by name; one without a name is taken to be the portal's (the CLI always sets it). */
const sameVault = (spc: SecretProviderClass, vaultName: string) => spc.keyVaultName === null || same(spc.keyVaultName, vaultName);

const dateOf = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);

/**
 * One new version, never two: a retried request whose version is already the latest (its tag) writes nothing; a
 * failure that may have landed is read back before writing again.
 */
async function writeVersionOnce(vault: RotateVault, secret: Parameters<RotateVault["setSecretOnce"]>[0],
  idempotencyKey: string, current: KeyVaultSecretSummary): Promise<WrittenKeyVaultSecret> {
  if (current.tags[SAVE_ID_VAULT_TAG] === idempotencyKey) return current;
  for (let attempt = 1; ; attempt++) {
    try {
      return await vault.setSecretOnce(secret);
    } catch (err) {
      if (!mayHaveLanded(err)) throw err;
      const back = await vault.getSecretProperties(secret.name).catch(() => null);
      if (back?.tags[SAVE_ID_VAULT_TAG] === idempotencyKey) return back;
      if (attempt >= WRITE_ATTEMPTS) throw err;
    }
  }
}

/** A failure after which the write may or may not be in the vault (or was refused for now, not for good). */
function mayHaveLanded(err: unknown): boolean {
  if (!(err instanceof AppError) || err.upstream?.service !== "key-vault") return false;
  if (err.kind === "too-many-requests") return true;
  return err.kind === "upstream" && err.upstream.code !== "Unauthorized";
}
