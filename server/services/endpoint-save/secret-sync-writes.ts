import "server-only";
import type { SecretSync, SecretSyncSpec } from "@/lib/schemas/secret-sync";
import { SAVE_ID_ANNOTATION, SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretSyncChange } from "@/server/adapters/kube/kinds/secret-sync";
import { isStaleWrite } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";
import { changeRefusal, ownerOf } from "@/server/services/synced-secret-rules";
import { dataflowEndpointReferences, deviceReferences } from "@/server/services/synced-secret-users";
import type { EndpointSaveKube } from "./deps";
import type { SyncedSecretPlan } from "./model";
import { orNull } from "./read-state";
import { sameJson } from "./same-json";
import { applyMappings } from "./secret-sync-mappings";
import { settleAll } from "./vault-writes";

type Kube = Pick<EndpointSaveKube, "secretSyncs" | "devices" | "dataflowEndpoints">;

interface Context {
  idempotencyKey: string;
  defaultSpcName: string;
  now: Date;
}

const ATTEMPTS = 5;

/**
 * Step 3, last: each synced secret the save touches. Every one the saved resource references is written even when its
 * keys stay the same (a new `save-id`, so its resourceVersion moves and a delete that read it before fails its
 * precondition), and re-created when a delete got there first. `sync-requested-at` is set only when the spec
 * changes: a new generation is what makes the controller sync. Answers the names written or deleted.
 */
export async function writeSecretSyncs(kube: Kube, plans: readonly SyncedSecretPlan[], ctx: Context): Promise<string[]> {
  const touched: string[] = [];
  await settleAll(plans.filter((p) => p.write).map(async (p) => {
    const wrote = p.dropped.length > 0 || p.action === "delete" ? await writeCarefully(kube, p, ctx) : await writeFromRead(kube, p, ctx);
    if (wrote) touched.push(p.name);
  }));
  return touched.sort();
}

/** Adds or re-points keys only: from step 0's read, re-read only on a 409. */
async function writeFromRead(kube: Kube, p: SyncedSecretPlan, ctx: Context): Promise<boolean> {
  if (p.current) {
    try {
      await kube.secretSyncs.updateFrom(p.current, change(p, p.dropped, ctx));
      return true;
    } catch (err) {
      if (!(err instanceof AppError && err.kind === "not-found")) throw err;
    }
  }
  return create(kube, p, ctx);
}

/**
 * Removes keys, or the whole SecretSync: the keys may have gained a user since step 0 (a save on another replica
 * writes its Device before its SecretSync). So, as a synced secret's delete does: read the SecretSync, then list
 * the users, then write under that resourceVersion; a 409 means someone wrote it since, and it starts again.
 */
async function writeCarefully(kube: Kube, p: SyncedSecretPlan, ctx: Context): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const current = await orNull(kube.secretSyncs.get(p.name));
    if (current === null) return p.wanted.size > 0 ? create(kube, p, ctx) : false;
    const [devices, endpoints] = await Promise.all([kube.devices.list(), kube.dataflowEndpoints.list()]);
    const used = new Set(devices.flatMap((d) => deviceReferences(d.name, d.spec))
      .filter((r) => r.secretName === p.name).map((r) => r.user.key));
    const byFlows = endpoints.some((e) => e.name !== p.ownUser
      && dataflowEndpointReferences(e.name, e.spec).some((r) => r.secretName === p.name));
    const dropped = byFlows ? [] : p.dropped.filter((k) => !used.has(k));
    const data = applyMappings(current.data, p.wanted, dropped);
    try {
      if (data.length === 0 && used.size === 0 && !byFlows) {
        mustBePortals(current, ctx);
        await kube.secretSyncs.deleteFrom(current);
      } else if (data.length > 0) {
        await kube.secretSyncs.updateFrom(current, change(p, dropped, ctx), { pinned: true });
      } else {
        return false;                 // users name keys it lacks: it cannot be emptied, and is left as it is
      }
      return true;
    } catch (err) {
      if (!isStaleWrite(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

/** Creates it; if another save created it first, writes into that one (it is the portal's, on the default SPC). */
async function create(kube: Kube, p: SyncedSecretPlan, ctx: Context): Promise<boolean> {
  try {
    await kube.secretSyncs.create({ name: p.name, secretProviderClassName: ctx.defaultSpcName,
      serviceAccountName: p.serviceAccountName, secretType: "Opaque", data: applyMappings([], p.wanted, []) },
    { annotations: { [SAVE_ID_ANNOTATION]: ctx.idempotencyKey, [SYNC_REQUESTED_AT_ANNOTATION]: ctx.now.toISOString() } });
    return true;
  } catch (err) {
    if (!(err instanceof AppError && err.upstream?.code === "AlreadyExists")) throw err;
  }
  const existing = await kube.secretSyncs.get(p.name);
  await kube.secretSyncs.updateFrom(existing, change(p, [], ctx));
  return true;
}

/**
 * The change, as each attempt applies it to the SecretSync as it is then: the saved resource's keys pointed at their Key
 * Vault secrets, the dropped keys removed, a new `save-id` always. A SecretSync that stopped being the portal's to
 * change (another SPC now) is refused.
 */
function change(p: SyncedSecretPlan, dropped: readonly string[], ctx: Context) {
  return (spec: SecretSyncSpec, current: SecretSync): SecretSyncChange => {
    mustBePortals(current, ctx);
    const data = applyMappings(spec.data, p.wanted, dropped);
    const specChanged = !sameJson(data, spec.data);
    return {
      spec: { ...spec, data },
      annotations: { [SAVE_ID_ANNOTATION]: ctx.idempotencyKey,
        ...(specChanged && { [SYNC_REQUESTED_AT_ANNOTATION]: ctx.now.toISOString() }) },
    };
  };
}

function mustBePortals(current: SecretSync, ctx: Context): void {
  const refused = changeRefusal(current.name, ownerOf(current, ctx.defaultSpcName), ctx.defaultSpcName);
  if (refused) throw refused;
}
