import "server-only";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { KubeEvent } from "@/lib/schemas/kube-event";
import type { RotateSecretRequest, RotateSecretResult } from "@/lib/schemas/synced-secret-rotate";
import type { SyncedSecretBulkDeleteResult, SyncedSecretDeletePlan } from "@/lib/schemas/synced-secret-delete";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import type { SyncedSecretEvent } from "@/lib/schemas/synced-secret-list";
import type { SyncNowResult } from "@/lib/schemas/synced-secret-sync";
import type { KubeAdapter } from "@/server/adapters/kube";
import type { KubeWatchCache } from "@/server/adapters/kube/watch-cache";
import { AppError } from "@/server/errors";
import { deleteMany, deleteOne, planDelete, type BulkDeleteAudit, type DeleteKube } from "@/server/services/secrets-page/delete";
import { buildDetail } from "@/server/services/secrets-page/detail";
import { pageOf, type ListPage, type ListPageQuery } from "@/server/services/secrets-page/list-pages";
import { createListSnapshots, type ListSnapshot, type NameIndexView } from "@/server/services/secrets-page/list-snapshots";
import { rotateSource, type RotateKube, type RotateVault } from "@/server/services/secrets-page/rotate";
import { syncNow } from "@/server/services/secrets-page/sync-now";

/**
 * The Secrets page's server side (docs/endpoint-secrets.md, "The Secrets page"): the list and detail from the
 * watch cache and the Key Vault name index (no call per row, none at all once warm), the live stream, and the
 * writes — sync now, rotate, delete — which always read the cluster itself before they write.
 */
export interface SyncedSecretsService {
  /** The current list snapshot (shared by all readers; validated and serialised once per change). */
  list(): Promise<ListSnapshot>;
  /** One page of it, as the Secrets page asks for it (search, filters, sort, offset, limit). */
  page(query: ListPageQuery): Promise<ListPage>;
  /** Live changes of the list's rows; returns the unsubscribe. */
  watch(listener: (event: SyncedSecretEvent) => void): () => void;
  detail(name: string): Promise<SyncedSecretDetail>;
  syncNow(name: string): Promise<SyncNowResult>;
  rotate(name: string, body: RotateSecretRequest, o: { dryRun: boolean }): Promise<RotateSecretResult>;
  planDelete(name: string): Promise<SyncedSecretDeletePlan>;
  /** Deletes it (no-dangling, any creator but system); answers the resources it touched. */
  delete(name: string): Promise<string[]>;
  /** Each name answered as its own delete would be; `audit` gives each its own audit entry. */
  deleteMany(names: readonly string[], o: { dryRun: boolean }): Promise<SyncedSecretBulkDeleteResult & { audit: BulkDeleteAudit[] }>;
}

export type SyncedSecretsKube = DeleteKube & RotateKube & Pick<KubeAdapter, "events">;

export interface SyncedSecretsDeps {
  kube: SyncedSecretsKube;
  cache: KubeWatchCache;
  index: NameIndexView;
  vault: RotateVault;
  /** SPC_OBJECT_GRACE_SECONDS. */
  graceSeconds: number;
  now?: () => Date;
  onVaultSecretWritten?: (secret: KeyVaultSecretSummary) => void;
}

/** The instance is read rarely (once a minute at most for reads): its default class changes when secret sync is
 * enabled, not per request. Writes read it fresh. */
const INSTANCE_TTL_MS = 60_000;

export function createSyncedSecretsService(deps: SyncedSecretsDeps): SyncedSecretsService {
  const now = deps.now ?? (() => new Date());
  const { kube, cache, index } = deps;
  let instanceRead: { at: number; spc: Promise<string | null> } | null = null;
  const defaultSpcName = (): Promise<string | null> => {
    if (instanceRead && Date.now() - instanceRead.at < INSTANCE_TTL_MS) return instanceRead.spc;
    const spc = kube.instance.get().then((i) => i.defaultSecretProviderClass?.name ?? null, (err: unknown) => {
      // Not readable: every synced secret is shown as system (read only) until it is, and it is asked again soon.
      instanceRead = null;
      if (err instanceof AppError) return null;
      throw err;
    });
    instanceRead = { at: Date.now(), spc };
    return spc;
  };
  const snapshots = createListSnapshots({ cache, index, defaultSpcName, now });
  const deleteDeps = { kube, graceSeconds: deps.graceSeconds, now };

  return {
    list: () => snapshots.current(),
    page: async (query) => pageOf(await snapshots.current(), query),
    watch: (listener) => snapshots.subscribe(listener),

    async detail(name) {
      const [secretSyncs, secrets, devices, dataflowEndpoints, secretProviderClasses, spc, events] = await Promise.all([
        cache.secretSyncs.items(), cache.secrets.items(), cache.devices.items(), cache.dataflowEndpoints.items(),
        cache.secretProviderClasses.items(), defaultSpcName(),
        kube.events.listFor({ kind: "SecretSync", name }).catch((): KubeEvent[] => []),
      ]);
      const status = index.status();
      // Not in the cache yet (made a moment ago: the watch is a few milliseconds behind)? The cluster decides: a 404
      // says the SecretSync does not exist, never that the cache has not seen it.
      const known = secretSyncs.some((s) => s.name === name) ? secretSyncs : [...secretSyncs, await kube.secretSyncs.get(name)];
      return buildDetail(name, { secretSyncs: known, secrets, devices, dataflowEndpoints, secretProviderClasses, defaultSpcName: spc },
        { ready: status.state === "ready", get: (n) => index.get(n), updatedAt: index.updatedAt(),
          info: { state: status.state, count: status.count, updatedAt: index.updatedAt() } }, events, now());
    },

    async syncNow(name) {
      // A write decides on fresh facts: the instance and the SecretSync are read, not taken from the caches.
      const [instance, current] = await Promise.all([kube.instance.get(), kube.secretSyncs.get(name)]);
      return syncNow(kube, name, instance.defaultSecretProviderClass?.name ?? null, now(), current);
    },

    rotate: (name, body, o) => rotateSource({ kube, vault: deps.vault, now, onVaultSecretWritten: deps.onVaultSecretWritten },
      name, body, o),

    planDelete: (name) => planDelete(deleteDeps, name),
    async delete(name) {
      const touched = await deleteOne(deleteDeps, name);
      await listShowsGone([name]);
      return touched;
    },
    async deleteMany(names, o) {
      const result = await deleteMany(deleteDeps, names, o);
      // Already gone counts too: the page drops those rows as well, and the cache may not have seen them go yet.
      if (!o.dryRun) {
        await listShowsGone(result.items.filter((i) => i.outcome === "deleted" || i.outcome === "not-found").map((i) => i.name));
      }
      return result;
    },
  };

  /**
   * A delete answers once the list no longer has what it deleted: the watch cache has seen it go (bounded: a watch
   * lagging more than this is a cluster problem, and the live stream still removes the row later) and a snapshot is
   * built from it. So the page's re-read after a delete never brings a ghost row back.
   */
  async function listShowsGone(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const gone = async () => {
      const present = new Set((await cache.secretSyncs.items()).map((s) => s.name));
      return names.every((n) => !present.has(n));
    };
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, DELETE_SEEN_WITHIN_MS);
      const off = cache.onChange(() => void gone().then((yes) => { if (yes) done(); }, () => undefined));
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
      void gone().then((yes) => { if (yes) done(); }, () => undefined);
    });
    await snapshots.rebuildNow().catch(() => undefined);
  }
}

/** How long a delete waits for the watch cache to show it (it usually does within milliseconds). */
const DELETE_SEEN_WITHIN_MS = 2_000;
