import "server-only";
import { EVENT_HUB_SASL_USERNAME, EVENT_HUB_USERNAME_VAULT_SECRET } from "@/lib/schemas/dataflow-endpoint-form";
import { SAVE_ID_VAULT_TAG } from "@/lib/schemas/portal-annotations";
import type { Refusals } from "@/server/services/endpoint-save/refusals";
import type { SecretsState, VaultPlan } from "@/server/services/endpoint-save/model";

/**
 * The portal's one Key Vault secret holding `$ConnectionString`, the SASL username of every Event Hubs and Fabric
 * RTI endpoint: created by the first save that needs it (tagged with that save's key, so its retry writes no
 * second version), used as it is after that. A disabled, expired or deleted one is refused: the sync would fail.
 */
export function planSharedUsername(state: Pick<SecretsState, "newNames" | "vaultName">, idempotencyKey: string, now: Date,
  refusals: Refusals): VaultPlan {
  const name = EVENT_HUB_USERNAME_VAULT_SECRET;
  const probe = state.newNames.get(name.toLowerCase());
  const vault = `Key Vault '${state.vaultName}'`;
  const live = probe?.live ?? null;
  if (live) {
    const problem = !live.enabled ? "is disabled"
      : live.expiresOn && Date.parse(live.expiresOn) <= now.getTime() ? `expired on ${live.expiresOn}`
        : live.notBefore && Date.parse(live.notBefore) > now.getTime() ? `is not active until ${live.notBefore}` : null;
    if (problem) {
      refusals.add("conflict", `The portal's shared Event Hubs username secret '${name}' in ${vault} ${problem}, so ` +
        `the sync would fail; enable or renew it (it holds the literal ${EVENT_HUB_SASL_USERNAME}).`, "syncedSecretName");
    }
    return { toWrite: [], alreadyWritten: live.tags[SAVE_ID_VAULT_TAG] === idempotencyKey ? [live.name] : [] };
  }
  if (probe?.deleted) {
    refusals.add("conflict", `The portal's shared Event Hubs username secret '${name}' is deleted in ${vault}: ` +
      "recover it (or purge it, and the next save creates it again).", "syncedSecretName");
    return { toWrite: [], alreadyWritten: [] };
  }
  return {
    toWrite: [{ name, path: "syncedSecretName", shared: true,
      reference: { source: "new", keyVaultSecretName: name, value: EVENT_HUB_SASL_USERNAME, contentType: "text/plain" } }],
    alreadyWritten: [],
  };
}
