import "server-only";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type {
  SyncedSecretBulkDeleteItem, SyncedSecretBulkDeleteResult, SyncedSecretDeletePlan,
} from "@/lib/schemas/synced-secret-delete";
import type { KubeAdapter } from "@/server/adapters/kube";
import { AppError, toAppError } from "@/server/errors";
import {
  lastUsedAnnotation, mappedFileNames, planObjects, readLastUsed,
} from "@/server/services/endpoint-save/spc-objects-plan";
import { deleteSyncedSecretIfUnused, references } from "@/server/services/synced-secret-delete";
import { fileNameOf } from "./key-sources";
import { creatorOf, systemOf } from "./rows";

export type DeleteKube = Pick<KubeAdapter, "instance" | "secretSyncs" | "secretProviderClasses" | "secrets" | "devices"
  | "dataflowEndpoints">;

export interface DeleteDeps {
  kube: DeleteKube;
  graceSeconds: number;
  now: () => Date;
}

/** What deleting reads first: the instance's default class, the SecretSync, the others, the users. */
async function readState(kube: DeleteKube, name: string) {
  const instance = await kube.instance.get();
  const defaultSpcName = instance.defaultSecretProviderClass?.name ?? null;
  const [sync, syncs, spc, secretExists, devices, endpoints] = await Promise.all([
    kube.secretSyncs.get(name), kube.secretSyncs.list(),
    defaultSpcName ? kube.secretProviderClasses.get(defaultSpcName).catch(notFoundAsNull) : null,
    kube.secrets.get(name).then(() => true, (err: unknown) => notFoundAsNull(err) !== null),
    kube.devices.list(), kube.dataflowEndpoints.list(),
  ]);
  return { defaultSpcName, sync, syncs, spc, secretExists, devices, endpoints };
}

function notFoundAsNull(err: unknown): null {
  if (err instanceof AppError && err.kind === "not-found") return null;
  throw err;
}

/**
 * `?dryRun=All`: what a delete would remove and what stays. The SecretSync goes, and its Kubernetes Secret with it
 * (garbage collection); objects of the default class that no other SecretSync maps go once the grace period has
 * passed without a new user; the Key Vault secrets always stay. A refusal (system, in use) is part of the plan.
 */
export async function planDelete(deps: DeleteDeps, name: string): Promise<SyncedSecretDeletePlan> {
  const st = await readState(deps.kube, name);
  return planOf(st, deps);
}

function planOf(st: Awaited<ReturnType<typeof readState>>, deps: DeleteDeps): SyncedSecretDeletePlan {
  const { sync, syncs, spc, defaultSpcName } = st;
  const usedBy = references(st.devices, st.endpoints).filter((r) => r.secretName === sync.name).map((r) => r.user);
  const { system, systemReason } = systemOf(sync, defaultSpcName);
  const refusal = system ? { status: 403 as const, detail: systemReason ?? "A system synced secret." }
    : usedBy.length > 0 ? { status: 409 as const, detail: `Still used by ${[...new Set(usedBy.map((u) =>
      `${u.kind === "Device" ? "device" : "data flow endpoint"} '${u.name}'`))].join(", ")}: remove those references first.` }
      : null;
  const files = [...new Set(sync.data.map((m) => fileNameOf(m.sourcePath)))];
  const objects = sync.secretProviderClassName === defaultSpcName && spc && spc.objectsProblem === null ? spc.objects : [];
  const removableAfter = new Date(deps.now().getTime() + deps.graceSeconds * 1000).toISOString();
  const goes: SyncedSecretDeletePlan["goes"]["secretProviderClassObjects"] = [];
  const staysObjects: SyncedSecretDeletePlan["stays"]["secretProviderClassObjects"] = [];
  const vaultNames = new Set<string>();
  for (const file of files) {
    const object = objects.find((o) => o.fileName === file);
    if (object) vaultNames.add(object.objectName);
    const others = syncs.filter((s) => s.name !== sync.name && s.secretProviderClassName === sync.secretProviderClassName
      && s.data.some((m) => fileNameOf(m.sourcePath) === file)).map((s) => s.name);
    if (object && others.length === 0) goes.push({ fileName: file, keyVaultSecretName: object.objectName, removableAfter });
    else staysObjects.push({ fileName: file, usedBy: others });
  }
  return {
    name: sync.name,
    createdBy: creatorOf(sync),
    refusal,
    usedBy,
    goes: { secretSync: sync.name, kubernetesSecret: { name: sync.name, exists: st.secretExists }, secretProviderClassObjects: goes },
    stays: { keyVaultSecrets: [...vaultNames].sort(), secretProviderClassObjects: staysObjects },
  };
}

/**
 * Deletes a synced secret, whoever made it, unless it is a system one (403) or still referenced (409, the problem's
 * `references` naming each user). First its objects of the default class are marked used now, so the grace period
 * before they may be removed counts from this delete (a save may want them again); then the no-dangling delete
 * (server/services/synced-secret-delete.ts: read, list users, delete under that resourceVersion, start again on 409).
 * Answers what it touched.
 */
export async function deleteOne(deps: DeleteDeps, name: string): Promise<string[]> {
  const { kube } = deps;
  const st = await readState(kube, name);
  const { system, systemReason } = systemOf(st.sync, st.defaultSpcName);
  if (system) throw new AppError("forbidden", systemReason ?? `Synced secret '${name}' is a system synced secret.`);
  const touched: string[] = [];
  if (st.spc && st.spc.objectsProblem === null && st.sync.secretProviderClassName === st.spc.name) {
    if (await markObjectsUsed(kube, st.spc, st.sync, st.syncs, deps)) touched.push(`secretproviderclasses/${st.spc.name}`);
  }
  await deleteSyncedSecretIfUnused(kube, name, { defaultSpcName: st.defaultSpcName, anyCreator: true });
  touched.push(`secretsyncs/${name}`);
  return touched;
}

/** The class's objects this SecretSync maps are marked used now (and expired unmapped ones cleaned up, as saves do). */
async function markObjectsUsed(kube: DeleteKube, spc: SecretProviderClass, sync: SecretSync, syncs: readonly SecretSync[],
  deps: DeleteDeps): Promise<boolean> {
  const files = new Set(sync.data.map((m) => fileNameOf(m.sourcePath)));
  let wrote = false;
  await kube.secretProviderClasses.editObjectsFrom(spc, (current, objects) => {
    const ensure = objects.objects.filter((o) => files.has(o.fileName)).map((o) => o.fileName);
    const p = planObjects({ objects: objects.objects, lastUsed: readLastUsed(current.annotations),
      mapped: mappedFileNames(syncs, spc.name), ensure, now: deps.now(), graceSeconds: deps.graceSeconds });
    wrote = p.worthWriting;
    if (!p.worthWriting) return undefined;
    for (const fileName of p.remove) objects.remove(fileName);
    return { annotations: lastUsedAnnotation(p.lastUsed) };
  });
  return wrote;
}

const BULK_CONCURRENCY = 4;

/** One name of a bulk delete, for its own audit entry: what its delete touched, and its error when it failed. */
export interface BulkDeleteAudit {
  name: string;
  status: number;
  touched: string[];
  failure?: AppError;
}

/** Several at once, each answered as its own DELETE would be; one failing stops none of the others. */
export async function deleteMany(deps: DeleteDeps, names: readonly string[], o: { dryRun: boolean }):
  Promise<SyncedSecretBulkDeleteResult & { audit: BulkDeleteAudit[] }> {
  const done: { item: SyncedSecretBulkDeleteItem; audit: BulkDeleteAudit }[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      done[i] = await deleteItem(deps, names[i]!, o.dryRun);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, names.length) }, worker));
  return { dryRun: o.dryRun, items: done.map((d) => d.item), audit: done.map((d) => d.audit) };
}

async function deleteItem(deps: DeleteDeps, name: string, dryRun: boolean):
  Promise<{ item: SyncedSecretBulkDeleteItem; audit: BulkDeleteAudit }> {
  try {
    if (dryRun) {
      const plan = await planDelete(deps, name);
      const outcome = plan.refusal === null ? "would-delete" : plan.refusal.status === 403 ? "refused" : "in-use";
      const status = plan.refusal?.status ?? 200;
      return { item: { name, status, outcome, detail: plan.refusal?.detail ?? null, usedBy: plan.usedBy, plan },
        audit: { name, status, touched: [] } };
    }
    const touched = await deleteOne(deps, name);
    return { item: { name, status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null }, audit: { name, status: 204, touched } };
  } catch (err) {
    const e = toAppError(err);
    const outcome = e.kind === "not-found" ? "not-found" : e.kind === "forbidden" ? "refused"
      : e.kind === "conflict" && e.references ? "in-use" : "failed";
    return { item: { name, status: e.status, outcome, detail: e.detail, usedBy: e.references ? [...e.references] : [], plan: null },
      audit: { name, status: e.status, touched: [], failure: e } };
  }
}
