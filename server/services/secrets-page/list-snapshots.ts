import "server-only";
import { createHash } from "node:crypto";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import {
  keyVaultIndexInfo, syncedSecret, type KeyVaultIndexInfo, type SyncedSecret, type SyncedSecretEvent, type SyncedSecretList,
} from "@/lib/schemas/synced-secret-list";
import type { KubeWatchCache } from "@/server/adapters/kube/watch-cache";
import { EXPIRING_WITHIN_DAYS } from "./key-sources";
import { buildRows, type ClusterView } from "./rows";
import { SYNC_NO_ANSWER_SECONDS } from "@/server/services/sync-state";

/**
 * The Secrets page's list, built once per change and shared by every reader: rows are joined from the watch cache
 * and the name index (no Kubernetes or Key Vault call once both are warm), validated against the response schema and
 * serialised once, so 50 readers of 2,000 rows cost one build, not fifty; its `etag` lets a reader whose copy is
 * current get a 304 instead of the body.
 *
 * A snapshot is rebuilt when the cluster, the index or the default SecretProviderClass changed, or when the clock
 * reaches the next moment a row's state depends on (a sync request going unanswered for 60 s, a source expiring or
 * becoming active), but not more often than every {@link MIN_REBUILD_MS}: in a burst of status writes, readers get
 * a snapshot at most that old. A rebuild validates and serialises only the rows that changed.
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

/** Every row, in name order, with what every page of the list carries (`SyncedSecretList` without the paging). */
export type ListSnapshotData = Pick<SyncedSecretList, "items" | "index" | "defaultSecretProviderClass">;

export interface ListSnapshot {
  list: ListSnapshotData;
  /** Each row as JSON (validated against the response schema), by name: a page is these joined, not re-serialised. */
  rowJson: ReadonlyMap<string, string>;
  /** A strong validator of the whole snapshot; a page's own is derived from it (list-pages.ts). */
  etag: string;
}

export interface ListSnapshots {
  current(): Promise<ListSnapshot>;
  /** A new snapshot now, whatever the last one's age: after a write of the portal's own that readers must see. */
  rebuildNow(): Promise<void>;
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

/** At the latest, a snapshot is rebuilt this long after it was built (a safety net for time-driven states). */
export const MAX_SNAPSHOT_AGE_MS = 60_000;
/** How often the live stream looks for time-driven changes while someone listens. */
export const TIME_CHECK_MS = 5_000;
export const MIN_REBUILD_MS = 250;
export const PUBLISH_DEBOUNCE_MS = 250;

interface Built extends ListSnapshot {
  key: string;
  builtAt: number;
  /** When a row's state may change by the clock alone. */
  validUntil: number;
  /** Each row as built, before validation: an unchanged one reuses its validated form. */
  rawJson: Map<string, string>;
}

export function createListSnapshots(deps: ListSnapshotsDeps): ListSnapshots {
  const now = deps.now ?? (() => new Date());
  let latest: Built | null = null;
  let building: Promise<Built> | null = null;
  let published: ReadonlyMap<string, string> | null = null;
  const listeners = new Set<(e: SyncedSecretEvent) => void>();
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let offCache: (() => void) | null = null;

  async function keyOf(): Promise<{ key: string; spc: string | null }> {
    const spc = await deps.defaultSpcName();
    return { key: `${deps.cache.version()}|${deps.index.revision()}|${spc}`, spc };
  }

  async function build(): Promise<Built> {
    const at = now();
    const [secretSyncs, secrets, devices, dataflowEndpoints, secretProviderClasses, { key, spc }] = await Promise.all([
      deps.cache.secretSyncs.items(), deps.cache.secrets.items(), deps.cache.devices.items(),
      deps.cache.dataflowEndpoints.items(), deps.cache.secretProviderClasses.items(), keyOf(),
    ]);
    const view: ClusterView = { secretSyncs, secrets, devices, dataflowEndpoints, secretProviderClasses, defaultSpcName: spc };
    const status = deps.index.status();
    const index: KeyVaultIndexInfo = keyVaultIndexInfo.parse({ state: status.state, count: status.count,
      updatedAt: deps.index.updatedAt() });
    const lookup = (n: string) => deps.index.get(n);
    const rows = buildRows(view, { ready: status.state === "ready", get: lookup, updatedAt: index.updatedAt }, at);
    // Validate (and strip to the contract) only the rows that changed since the last build.
    const previous = latest;
    const previousRows = new Map(previous?.list.items.map((r) => [r.name, r]) ?? []);
    const items: SyncedSecret[] = [];
    const rowJson = new Map<string, string>();
    const rawJson = new Map<string, string>();
    const hash = createHash("sha256");
    for (const row of rows) {
      const raw = JSON.stringify(row);
      const reused = previous?.rawJson.get(row.name) === raw ? previousRows.get(row.name) : undefined;
      const valid = reused ?? syncedSecret.parse(row);
      const text = reused ? previous!.rowJson.get(row.name)! : JSON.stringify(valid);
      items.push(valid);
      rowJson.set(row.name, text);
      rawJson.set(row.name, raw);
      hash.update(text).update("\n");
    }
    const list: ListSnapshotData = { items, index, defaultSecretProviderClass: spc };
    hash.update(JSON.stringify(index)).update(JSON.stringify(spc));
    const built: Built = { key, builtAt: Date.now(), validUntil: nextTimeChange(rows, lookup, at), rowJson, rawJson, list,
      etag: `"${hash.digest("base64url").slice(0, 27)}"` };
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

  /** Builds when something the list depends on changed since the last build, or the clock moved a row's state. */
  async function refreshIfChanged(): Promise<Built> {
    const b = latest;
    if (b && now().getTime() < b.validUntil && (await keyOf()).key === b.key) return b;
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

    async rebuildNow() {
      // A build already running may have read the cache before the write showed there: wait it out, then build anew.
      if (building) await building.catch(() => undefined);
      await rebuild();
    },

    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        offCache = deps.cache.onChange(schedulePublish);
        // Time-driven changes (no answer after 60 s, expiry) and the name index's passes have no event of their own.
        ticker = setInterval(() => void refreshIfChanged().catch(() => undefined), TIME_CHECK_MS);
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

const DAY_MS = 24 * 3600 * 1000;

/**
 * The next moment a row's state changes with the clock alone: a sync request (or a new SecretSync) going unanswered
 * for {@link SYNC_NO_ANSWER_SECONDS}, or a source becoming active, entering its last 30 days, or expiring.
 */
function nextTimeChange(rows: readonly SyncedSecret[], index: (name: string) => KeyVaultSecretSummary | undefined,
  at: Date): number {
  const t = at.getTime();
  let next = t + MAX_SNAPSHOT_AGE_MS;
  const consider = (when: number) => { if (when > t && when < next) next = when; };
  for (const row of rows) {
    if (row.sync.state === "syncing" && row.sync.noAnswerSince === null) {
      const since = Date.parse(row.sync.requestedAt ?? row.createdOn ?? "");
      if (!Number.isNaN(since)) consider(since + SYNC_NO_ANSWER_SECONDS * 1000 + 1);
    }
    for (const r of row.references) {
      const s = r.source?.keyVaultSecretName ? index(r.source.keyVaultSecretName) : undefined;
      if (!s) continue;
      const expires = Date.parse(s.expiresOn ?? "");
      const active = Date.parse(s.notBefore ?? "");
      if (!Number.isNaN(expires)) { consider(expires); consider(expires - EXPIRING_WITHIN_DAYS * DAY_MS); }
      if (!Number.isNaN(active)) consider(active);
    }
  }
  return next;
}
