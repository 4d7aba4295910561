import "server-only";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import {
  syncedSecretList, type KeyVaultIndexInfo, type SyncedSecret, type SyncedSecretEvent, type SyncedSecretList,
} from "@/lib/schemas/synced-secret-list";
import type { KubeWatchCache } from "@/server/adapters/kube/watch-cache";
import { buildRows, type ClusterView } from "./rows";

const gzipAsync = promisify(gzip);

/**
 * The Secrets page's list, built once per change and shared by every reader: rows are joined from the watch cache
 * and the name index (no Kubernetes or Key Vault call once both are warm), validated against the response schema,
 * serialised, and gzip-compressed once, so 50 readers of 2,000 rows cost one build, not fifty.
 *
 * A snapshot is rebuilt when the cluster, the index or the default SecretProviderClass changed, or every
 * {@link TIME_BUCKET_MS} (sync states and expiry warnings move with the clock), but not more often than every
 * {@link MIN_REBUILD_MS}: in a burst of status writes, readers get a snapshot at most that old.
 *
 * The same builds feed the live stream: each one is compared row by row with the last one published, and the rows
 * that changed go to the subscribers. A change is published within the debounce ({@link PUBLISH_DEBOUNCE_MS}).
 */

export interface NameIndexView {
  status(): { state: "filling" | "ready"; count: number };
  get(name: string): KeyVaultSecretSummary | undefined;
  updatedAt(): string | null;
  revision(): number;
}

export interface ListSnapshot {
  list: SyncedSecretList;
  /** The list as JSON, and gzip-compressed (made at the first request that accepts gzip). */
  json: Buffer;
  gzip(): Promise<Buffer>;
}

export interface ListSnapshots {
  current(): Promise<ListSnapshot>;
  /** Live changes: `ready` at once, then `changed` events; returns the unsubscribe. */
  subscribe(listener: (event: SyncedSecretEvent) => void): () => void;
  stop(): void;
}

export interface ListSnapshotsDeps {
  cache: Pick<KubeWatchCache, "secretSyncs" | "secrets" | "devices" | "dataflowEndpoints" | "secretProviderClasses" | "version" | "onChange">;
  index: NameIndexView;
  /** The instance's default SecretProviderClass (memoised by the caller: the instance is read rarely). */
  defaultSpcName(): Promise<string | null>;
  now?: () => Date;
}

export const TIME_BUCKET_MS = 5_000;
export const MIN_REBUILD_MS = 250;
export const PUBLISH_DEBOUNCE_MS = 250;

interface Built extends ListSnapshot {
  key: string;
  builtAt: number;
  rowJson: Map<string, string>;
}

export function createListSnapshots(deps: ListSnapshotsDeps): ListSnapshots {
  const now = deps.now ?? (() => new Date());
  let latest: Built | null = null;
  let building: Promise<Built> | null = null;
  let published: Map<string, string> | null = null;
  const listeners = new Set<(e: SyncedSecretEvent) => void>();
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let offCache: (() => void) | null = null;

  async function keyOf(at: number): Promise<{ key: string; spc: string | null }> {
    const spc = await deps.defaultSpcName();
    return { key: `${deps.cache.version()}|${deps.index.revision()}|${spc}|${Math.floor(at / TIME_BUCKET_MS)}`, spc };
  }

  async function build(): Promise<Built> {
    const at = now();
    const [secretSyncs, secrets, devices, dataflowEndpoints, secretProviderClasses, { key, spc }] = await Promise.all([
      deps.cache.secretSyncs.items(), deps.cache.secrets.items(), deps.cache.devices.items(),
      deps.cache.dataflowEndpoints.items(), deps.cache.secretProviderClasses.items(), keyOf(at.getTime()),
    ]);
    const view: ClusterView = { secretSyncs, secrets, devices, dataflowEndpoints, secretProviderClasses, defaultSpcName: spc };
    const status = deps.index.status();
    const index: KeyVaultIndexInfo = { state: status.state, count: status.count, updatedAt: deps.index.updatedAt() };
    const items = buildRows(view, { ready: status.state === "ready", get: (n) => deps.index.get(n) }, at);
    const list = syncedSecretList.parse({ items, index, defaultSecretProviderClass: spc });
    const rowJson = new Map(list.items.map((r) => [r.name, JSON.stringify(r)]));
    const json = Buffer.from(JSON.stringify(list));
    let zipped: Promise<Buffer> | null = null;
    const built: Built = { key, builtAt: Date.now(), rowJson, list, json,
      gzip: () => (zipped ??= gzipAsync(json, { level: 6 })) };
    latest = built;
    publish(built);
    return built;
  }

  function rebuild(): Promise<Built> {
    building ??= build().finally(() => { building = null; });
    return building;
  }

  function publish(b: Built): void {
    if (listeners.size === 0) {
      published = null;
      return;
    }
    const before = published;
    published = b.rowJson;
    if (!before) return;
    const items: SyncedSecret[] = [];
    for (const row of b.list.items) if (before.get(row.name) !== b.rowJson.get(row.name)) items.push(row);
    const removed = [...before.keys()].filter((name) => !b.rowJson.has(name));
    if (items.length === 0 && removed.length === 0) return;
    const event: SyncedSecretEvent = { type: "changed", items, removed, index: b.list.index };
    for (const l of listeners) l(event);
  }

  /** Builds when something the list depends on changed since the last build. */
  async function refreshIfChanged(): Promise<Built> {
    const b = latest;
    if (b && (await keyOf(now().getTime())).key === b.key) return b;
    return rebuild();
  }

  function schedulePublish(): void {
    if (debounce || listeners.size === 0) return;
    debounce = setTimeout(() => {
      debounce = null;
      void refreshIfChanged().catch(() => undefined);
    }, PUBLISH_DEBOUNCE_MS);
    debounce.unref?.();
  }

  return {
    async current() {
      const b = latest;
      if (b && Date.now() - b.builtAt < MIN_REBUILD_MS) return b;
      return refreshIfChanged();
    },

    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        offCache = deps.cache.onChange(schedulePublish);
        // Time-driven changes (no answer after 60 s, expiry) and the name index's passes have no event of their own.
        ticker = setInterval(() => void refreshIfChanged().catch(() => undefined), TIME_BUCKET_MS);
        ticker.unref?.();
        // The baseline the first deltas are taken from.
        if (latest) published = latest.rowJson;
        else void rebuild().catch(() => undefined);
      }
      listener({ type: "ready" });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        offCache?.();
        offCache = null;
        if (ticker) clearInterval(ticker);
        if (debounce) clearTimeout(debounce);
        ticker = null;
        debounce = null;
        published = null;
      };
    },

    stop() {
      listeners.clear();
      offCache?.();
      if (ticker) clearInterval(ticker);
      if (debounce) clearTimeout(debounce);
    },
  };
}
