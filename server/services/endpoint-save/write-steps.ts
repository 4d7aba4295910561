import "server-only";
import type { EndpointSaveDeps } from "./deps";
import type { SecretsPlan } from "./model";
import { writeSecretSyncs } from "./secret-sync-writes";
import { writeSpcObjects } from "./spc-write";
import { atStep, saveSteps, type StepNumber } from "./steps";
import { settleAll, writeVaultSecrets } from "./vault-writes";

/**
 * A save's writes, in the order that never leaves a reference dangling (docs/endpoint-secrets.md, "The save"): Key
 * Vault secrets and SPC objects (1), the resource (2, `writeResource`), SecretSyncs last (3). Answers the written
 * resource and what it touched, by name only (`keyvault/secrets/<name>`, `secretproviderclasses/<name>`,
 * `<plural>/<name>`, `secretsyncs/<name>`), for the audit entry.
 */
export async function writeInSteps<R extends { name: string }>(deps: EndpointSaveDeps, plan: SecretsPlan, o: {
  kind: string;
  plural: string;
  now: Date;
  writeResource: () => Promise<R>;
  /** Awaited before the first write (the route's audit gate: its intent is recorded while step 0 reads). */
  beforeWrite?: () => Promise<void>;
}): Promise<{ resource: R; touched: string[] }> {
  const { kube, vault } = deps;
  const touched: string[] = [];
  const steps = saveSteps(o.kind);
  const step = (n: StepNumber) => ({ operation: "Saving" as const, step: n, what: steps[n] });
  await o.beforeWrite?.();

  await atStep(step(1), () => settleAll([
    writeVaultSecrets(vault, plan.vault.toWrite, plan.idempotencyKey, deps.onVaultSecretWritten),
    plan.spc ? writeSpcObjects(kube, plan.spc, { now: o.now, graceSeconds: deps.graceSeconds }).then((wrote) => {
      if (wrote) touched.push(`secretproviderclasses/${plan.spc!.name}`);
    }) : Promise.resolve(),
  ]));
  touched.unshift(...[...plan.vault.toWrite, ...plan.vault.alreadyWritten.map((name) => ({ name }))]
    .map((w) => `keyvault/secrets/${w.name}`));

  const resource = await atStep(step(2), o.writeResource);
  touched.push(`${o.plural}/${resource.name}`);

  if (plan.defaultSpcName !== null) {
    const synced = await atStep(step(3), () => writeSecretSyncs(kube, plan.secretSyncs,
      { idempotencyKey: plan.idempotencyKey, defaultSpcName: plan.defaultSpcName!, now: o.now }));
    touched.push(...synced.map((n) => `secretsyncs/${n}`));
  }
  return { resource, touched };
}

/** What a save route passes a save: a dry run stops after the plan; `beforeWrite` is the route's audit gate. */
export interface SaveOptions {
  dryRun: boolean;
  beforeWrite?: () => Promise<void>;
}

/**
 * Runs `work` (CPU only) once the calls `pending` started have left, i.e. after the I/O phase of the event loop, so it
 * overlaps their round trip instead of delaying them. `pending` may fail meanwhile: its failure is for its own await.
 */
export function whileWaiting<T>(pending: Promise<unknown>, work: () => T): Promise<T> {
  pending.catch(() => undefined);
  return new Promise<T>((resolve, reject) => setImmediate(() => {
    try {
      resolve(work());
    } catch (err) {
      reject(err);
    }
  }));
}
