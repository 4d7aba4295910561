import "server-only";
import { SAVE_ID_VAULT_TAG } from "@/lib/schemas/portal-annotations";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SecretSlot, SecretsState, VaultPlan } from "./model";
import type { Refusals } from "./refusals";
import { objectsFor, vaultNameOf } from "./spc-objects-plan";

/**
 * What the form asks of Key Vault, checked against the vault itself in step 0 (the name index may be a minute
 * stale and never holds deleted secrets). Pure: the reads are in read-state.ts.
 */

/** Names *Create new secret* wants, one per lower-case name. */
export function newSecretNames(refs: readonly SecretSlot[]): string[] {
  return unique(refs.filter((r) => r.reference.source === "new").map((r) => r.reference.keyVaultSecretName));
}

/**
 * Names *Add from Azure Key Vault* picked that are not already mapped the same way (same synced secret, same key,
 * same Key Vault secret): only those are checked (present, enabled, in their validity window).
 */
export function newlyPickedNames(refs: readonly SecretSlot[], secretSyncs: readonly SecretSync[],
  classes: ReadonlyMap<string, SecretProviderClass>): string[] {
  const byName = new Map(secretSyncs.map((s) => [s.name, s]));
  return unique(refs.filter((r) => r.reference.source === "existing").filter((r) => {
    const sync = byName.get(r.syncedSecretName);
    const mapping = sync?.data.find((m) => m.targetKey === r.key);
    return !sync || !mapping || vaultNameOf(objectsFor(sync, classes), mapping.sourcePath).toLowerCase()
      !== r.reference.keyVaultSecretName.toLowerCase();
  }).map((r) => r.reference.keyVaultSecretName));
}

/** The new secrets to write; refuses names taken (live or deleted); a live one tagged with this save is ours. */
export function planVaultWrites(refs: readonly SecretSlot[], state: Pick<SecretsState, "vaultName" | "newNames" | "picks">,
  idempotencyKey: string, now: Date, refusals: Refusals): VaultPlan {
  const toWrite: VaultPlan["toWrite"] = [];
  const alreadyWritten: string[] = [];
  const vault = `Key Vault '${state.vaultName}'`;
  for (const r of refs) {
    const name = r.reference.keyVaultSecretName;
    if (r.reference.source === "new") {
      const probe = state.newNames.get(name.toLowerCase());
      if (probe?.live && probe.live.tags[SAVE_ID_VAULT_TAG] === idempotencyKey) {
        // An earlier attempt of this very save wrote it: never a second version.
        if (!alreadyWritten.includes(probe.live.name)) alreadyWritten.push(probe.live.name);
      } else if (probe?.live) {
        refusals.add("bad-request", `${vault} already has a secret named '${probe.live.name}'. Use Add from Azure ` +
          "Key Vault to pick it, or choose another name.", r.path);
      } else if (probe?.deleted) {
        refusals.add("bad-request", `The name '${name}' is held by a deleted secret in ${vault}: it must be recovered ` +
          "or purged first (or choose another name).", r.path);
      } else {
        toWrite.push({ name, path: r.path, reference: r.reference });
      }
      continue;
    }
    if (!state.picks.has(name.toLowerCase())) continue;
    const picked = state.picks.get(name.toLowerCase()) ?? null;
    const problem = pickProblem(name, picked, now, vault);
    if (problem) refusals.add("bad-request", problem, r.path);
  }
  return { toWrite, alreadyWritten };
}

function pickProblem(name: string, p: { enabled: boolean; expiresOn: string | null; notBefore: string | null } | null,
  now: Date, vault: string): string | null {
  if (p === null) return `Key Vault secret '${name}' was not found in ${vault}; pick another.`;
  if (!p.enabled) return `Key Vault secret '${name}' is disabled; enable it in ${vault} or pick another.`;
  if (p.expiresOn && Date.parse(p.expiresOn) <= now.getTime()) {
    return `Key Vault secret '${name}' expired on ${p.expiresOn}; the sync would fail. Renew it or pick another.`;
  }
  if (p.notBefore && Date.parse(p.notBefore) > now.getTime()) {
    return `Key Vault secret '${name}' is not active until ${p.notBefore}; the sync would fail until then. Pick another.`;
  }
  return null;
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}
