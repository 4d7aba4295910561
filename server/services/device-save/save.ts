import "server-only";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import type { DeviceSaveDeps } from "./deps";
import { writeDevice } from "./device-write";
import { planSave } from "./plan";
import { readSaveState } from "./read-state";
import { reviewPlan } from "./review";
import { writeSecretSyncs } from "./secret-sync-writes";
import { writeSpcObjects } from "./spc-write";
import { atStep, SAVE_STEPS } from "./steps";
import type { SaveDeviceRequest, Touched } from "./types";
import { settleAll, writeVaultSecrets } from "./vault-writes";

/**
 * One save (docs/endpoint-secrets.md, "The save"): step 0 reads and plans (every refusal), then writes in an order
 * that never leaves a reference dangling: Key Vault secrets and SPC objects (1), the Device (2), SecretSyncs last
 * (3). A dry run stops after the plan.
 */
export async function saveDevice(deps: DeviceSaveDeps, request: SaveDeviceRequest, o: { dryRun: boolean }):
  Promise<{ result: DeviceSaveResult } & Touched> {
  const { kube, vault } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const ctx = { now, graceSeconds: deps.graceSeconds, namespace: kube.namespace };

  const state = await readSaveState(kube, vault, request);
  const plan = planSave(request, state, ctx);
  const review = reviewPlan(plan, ctx);
  if (o.dryRun) return { result: { dryRun: true, plan: review, resourceVersion: null }, touched: [] };

  const touched: string[] = [];
  const step = (n: 1 | 2 | 3) => ({ operation: "Saving" as const, step: n, what: SAVE_STEPS[n] });

  await atStep(step(1), () => settleAll([
    writeVaultSecrets(vault, plan.vault.toWrite, plan.idempotencyKey, deps.onVaultSecretWritten),
    plan.spc ? writeSpcObjects(kube, plan.spc, ctx).then((wrote) => {
      if (wrote) touched.push(`secretproviderclasses/${plan.spc!.name}`);
    }) : Promise.resolve(),
  ]));
  touched.unshift(...[...plan.vault.toWrite, ...plan.vault.alreadyWritten.map((name) => ({ name }))]
    .map((w) => `keyvault/secrets/${w.name}`));

  const device = await atStep(step(2), () => writeDevice(kube, plan.device, request, plan.idempotencyKey));
  touched.push(`devices/${device.name}`);

  if (plan.defaultSpcName !== null) {
    const synced = await atStep(step(3), () => writeSecretSyncs(kube, plan.secretSyncs,
      { idempotencyKey: plan.idempotencyKey, defaultSpcName: plan.defaultSpcName!, now }));
    touched.push(...synced.map((n) => `secretsyncs/${n}`));
  }
  return { result: { dryRun: false, plan: review, resourceVersion: device.resourceVersion }, touched };
}
