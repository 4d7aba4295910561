import "server-only";
import type { KubeWatcher } from "@/server/adapters/kube/connection";

/**
 * One kind of one namespace kept in memory by list + watch, as client-go's informers do, so a page that lists it
 * makes no Kubernetes call once warm. Objects are turned into the portal's views as they arrive (a Secret loses its
 * values before it is stored: nothing here ever holds one). Built on client-node's `Watch`, not its `ListWatch`,
 * which keeps each object as it arrives, values included (docs/architecture.md, "Watch cache").
 *
 * - The first `items()` lists (paged) and starts the watch from the list's resourceVersion; concurrent callers share
 *   that list. A failed list rejects, and the next call lists again.
 * - The watch asks for bookmarks and resumes from the last resourceVersion when it ends (the server's timeout, 30 s
 *   without a line); `410 Expired` lists afresh. Failures back off (1 s doubling, 30 s at most).
 * - While the watch has been failing for over {@link STALE_AFTER_MS}, the memory is not trusted: `items()` lists
 *   again (a live list per call) until a watch holds.
 */

export interface InformerPage {
  items: unknown[];
  /** The list's resourceVersion (first page's); the watch starts from it. */
  resourceVersion: string;
  next?: string;
}

export interface InformerSource<T> {
  /** For logs: `SecretSync`, … */
  kind: string;
  /** The collection's API path, for the watch (`/apis/<g>/<v>/namespaces/<ns>/<plural>`). */
  path: string;
  labelSelector?: string;
  /** One list page (raw objects); throws AppErrors. */
  listPage(token: string | undefined): Promise<InformerPage>;
  /** The portal's view of one raw object; null to leave it out (e.g. a spec the portal cannot read). */
  view(raw: unknown): T | null;
}

export interface Informer<T extends { name: string }> {
  /** Every object, sorted by name (the same array until something changes). */
  items(): Promise<readonly T[]>;
  /** Bumped on every change the watch delivers (and on every fresh list). */
  readonly version: number;
  /** Called after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Kubernetes calls made so far (lists and watches), for tests and the bench. */
  readonly calls: number;
  stop(): void;
}

export interface InformerOptions {
  watcher: KubeWatcher;
  onError?: (err: unknown, what: "list" | "watch") => void;
  /** Server-side watch timeout (seconds); the watch is then resumed. */
  watchTimeoutSeconds?: number;
}

const STALE_AFTER_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;
const MAX_PAGES = 400;

export function createInformer<T extends { name: string }>(source: InformerSource<T>, o: InformerOptions): Informer<T> {
  let byName = new Map<string, T>();
  let sorted: T[] | null = null;
  let resourceVersion = "";
  let version = 0;
  let calls = 0;
  let warm = false;
  let stopped = false;
  let listing: Promise<void> | null = null;
  let stopWatch: { abort(): void } | null = null;
  let failingSince: number | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Identifies the current watch: callbacks of one replaced or aborted are ignored. */
  let watchId = 0;
  const listeners = new Set<() => void>();

  const changed = () => {
    version++;
    sorted = null;
    for (const l of listeners) l();
  };

  async function listAll(): Promise<void> {
    const fresh = new Map<string, T>();
    let token: string | undefined;
    let rv = "";
    for (let page = 0; page < MAX_PAGES; page++) {
      calls++;
      const result = await source.listPage(token);
      if (page === 0) rv = result.resourceVersion;
      for (const raw of result.items) {
        const item = source.view(raw);
        if (item) fresh.set(item.name, item);
      }
      token = result.next || undefined;
      if (!token) break;
    }
    byName = fresh;
    resourceVersion = rv;
    warm = true;
    failingSince = null;
    changed();
    watch();
  }

  function list(): Promise<void> {
    listing ??= listAll().finally(() => { listing = null; });
    return listing;
  }

  function watch(): void {
    if (stopped) return;
    const id = ++watchId;
    stopWatch?.abort();
    stopWatch = null;
    let expired = false;
    let gotEvent = false;
    calls++;
    const started = o.watcher.watch(source.path, {
      resourceVersion, allowWatchBookmarks: true, labelSelector: source.labelSelector,
      timeoutSeconds: o.watchTimeoutSeconds ?? 300,
    }, (type, raw) => {
      if (id !== watchId) return;
      gotEvent = true;
      const object = raw as { metadata?: { name?: string; resourceVersion?: string }; code?: number };
      if (type === "ERROR") {
        if (object.code === 410) expired = true;
        return;
      }
      const rv = object.metadata?.resourceVersion;
      if (rv) resourceVersion = rv;
      if (type === "BOOKMARK") return;
      const name = object.metadata?.name;
      if (!name) return;
      if (type === "DELETED") {
        if (byName.delete(name)) changed();
        return;
      }
      const item = source.view(raw);
      if (item) byName.set(name, item);
      else byName.delete(name);
      changed();
    }, (err) => {
      if (stopped || id !== watchId) return;
      const timedOut = (err as { name?: string } | null)?.name === "TimeoutError";
      if (expired) {
        // Too old to resume: list afresh (the old objects stay served until the new list is in).
        void list().catch((e: unknown) => retryLater(e, "list"));
      } else if (err && !timedOut) {
        retryLater(err, "watch");
      } else {
        if (gotEvent || timedOut) { failures = 0; failingSince = null; }
        watch();
      }
    });
    started.then((s) => {
      if (stopped || id !== watchId) s.abort();
      else stopWatch = s;
    }, (err: unknown) => {
      if (id === watchId) retryLater(err, "watch");
    });
  }

  function retryLater(err: unknown, what: "list" | "watch"): void {
    if (stopped) return;
    o.onError?.(err, what);
    failingSince ??= Date.now();
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures++, 5));
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (what === "list") void list().catch((e: unknown) => retryLater(e, "list"));
      else watch();
    }, delay);
    retryTimer.unref?.();
  }

  return {
    async items() {
      const stale = failingSince !== null && Date.now() - failingSince > STALE_AFTER_MS;
      if (!warm || stale) await list();
      sorted ??= [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return sorted;
    },
    get version() {
      return version;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    get calls() {
      return calls;
    },
    stop() {
      stopped = true;
      stopWatch?.abort();
      if (retryTimer) clearTimeout(retryTimer);
      listeners.clear();
    },
  };
}
