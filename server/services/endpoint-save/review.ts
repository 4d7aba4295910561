import "server-only";
import type { DeviceSavePlan } from "@/lib/schemas/device-api";
import { SAVE_ID_ANNOTATION, SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { MANAGED_BY_LABEL, MANAGED_BY_PORTAL } from "@/server/adapters/kube/kinds/secret-sync";
import type { SecretsPlan, SyncedSecretPlan } from "./model";
import { sameJson } from "./same-json";
import { secretSyncYaml } from "./yaml";

/** The review's secret part, the same for every endpoint save. */
export type SecretsReview = Omit<DeviceSavePlan, "device">;

/**
 * The secret part of the plan as the review (and a real save's answer) shows it: names and YAML only, never a
 * value. New Key Vault secrets are listed by name; an earlier attempt's write of this same save counts as this save's.
 */
export function reviewSecrets(plan: SecretsPlan, ctx: { namespace: string; now: Date }): SecretsReview {
  return {
    vaultSecretsToCreate: [...plan.vault.toWrite.map((w) => w.name), ...plan.vault.alreadyWritten],
    secretProviderClass: { name: plan.spc?.name ?? plan.defaultSpcName ?? "",
      objectsToAdd: plan.spc?.objectsToAdd ?? [], objectsToRemove: plan.spc?.objectsToRemove ?? [] },
    secretSyncs: plan.secretSyncs.filter((s) => s.write).map((s) => ({
      name: s.name, action: s.action, keysAdded: s.keysAdded, keysRemoved: s.keysRemoved,
      yaml: secretSyncReview(s, plan, ctx),
    })),
  };
}

function secretSyncReview(s: SyncedSecretPlan, plan: SecretsPlan, ctx: { namespace: string; now: Date }): string {
  const c = s.current;
  if (s.action === "delete" && c) return secretSyncYaml({ ...c, namespace: ctx.namespace });
  const changed = !c || !sameJson(c.data, s.data);
  const annotations = { ...c?.annotations, [SAVE_ID_ANNOTATION]: plan.idempotencyKey,
    ...(changed && { [SYNC_REQUESTED_AT_ANNOTATION]: ctx.now.toISOString() }) };
  return secretSyncYaml({
    name: s.name, namespace: ctx.namespace, labels: c?.labels ?? { [MANAGED_BY_LABEL]: MANAGED_BY_PORTAL }, annotations,
    secretProviderClassName: c?.secretProviderClassName ?? plan.defaultSpcName ?? "",
    serviceAccountName: s.serviceAccountName, secretType: c?.secretType ?? "Opaque", data: s.data,
    forceSynchronization: c?.forceSynchronization, secretLabels: c?.secretLabels, secretAnnotations: c?.secretAnnotations,
  });
}
