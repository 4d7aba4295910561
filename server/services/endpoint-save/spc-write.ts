import "server-only";
import type { EndpointSaveKube } from "./deps";
import type { SpcPlan } from "./model";
import { lastUsedAnnotation, planObjects, readLastUsed } from "./spc-objects-plan";

/**
 * Step 1 (cluster part): the default SPC's objects and their last-used times, from step 0's read. On a stale
 * write the class is read again and the same rules run on it (spc-objects-plan.ts): this save's objects are added
 * if another writer removed them meanwhile, and objects others added meanwhile are kept (their times are fresh).
 * Answers whether it wrote.
 */
export async function writeSpcObjects(kube: Pick<EndpointSaveKube, "secretProviderClasses">, plan: SpcPlan,
  o: { now: Date; graceSeconds: number }): Promise<boolean> {
  if (!plan.write) return false;
  let wrote = false;
  await kube.secretProviderClasses.editObjectsFrom(plan.base, (current, objects) => {
    const p = planObjects({ objects: objects.objects, lastUsed: readLastUsed(current.annotations), mapped: plan.mapped,
      ensure: plan.ensure, now: o.now, graceSeconds: o.graceSeconds });
    wrote = p.worthWriting;
    if (!p.worthWriting) return undefined;
    for (const objectName of p.add) objects.add({ objectName, objectType: "secret" });
    for (const fileName of p.remove) objects.remove(fileName);
    return { annotations: lastUsedAnnotation(p.lastUsed) };
  });
  return wrote;
}
