import "server-only";
import type { KeyVaultIndexState, KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";

/**
 * The portal's name index of the vault. Key Vault has no server-side search and lists at most 25 a page, so the
 * server pages the whole vault in the background, keeps every secret's properties (never values) sorted by name,
 * and answers searches and later pages from memory. The portal's own writes update it at once; a full pass runs
 * every `refreshSeconds` to pick up other writers. A failed pass keeps the last good index.
 */

export interface SecretNameIndexOptions {
  /** One full pass over the vault, a page at a time. */
  pages: () => AsyncIterable<KeyVaultSecretSummary[]>;
  refreshSeconds: number;
  onError?: (err: unknown, phase: "fill" | "refresh") => void;
  onFilled?: (info: { count: number; ms: number; phase: "fill" | "refresh" }) => void;
  /** Bounds one pass: 40,000 pages of 25 = a million secrets (Key Vault's practical limits are far lower). */
  maxPages?: number;
  schedule?: (run: () => void, ms: number) => { cancel(): void };
}

export interface IndexQuery {
  /** Case-insensitive substring of the name. */
  search?: string;
  /** Exclusive: start after this name (keyset paging, stable under inserts and deletes). */
  after?: string;
  limit: number;
}

export interface IndexPage {
  items: KeyVaultSecretSummary[];
  /** Name of the last item when more follow, else null. */
  lastName: string | null;
}

export interface SecretNameIndex {
  /** Starts the first fill and the refresh timer; idempotent. */
  start(): void;
  /** One full pass now (single flight: concurrent callers share it). Never rejects. */
  refresh(): Promise<void>;
  status(): { state: KeyVaultIndexState; count: number };
  query(q: IndexQuery): IndexPage;
  /** One secret's properties by name (case-insensitive), from memory; undefined when the index does not hold it. */
  get(name: string): KeyVaultSecretSummary | undefined;
  /** ISO time the last full pass ended; null before the first one. */
  updatedAt(): string | null;
  /** Bumped on every change of what the index holds (a pass, an own write): callers memoise on it. */
  revision(): number;
  upsert(secret: KeyVaultSecretSummary): void;
  remove(name: string): void;
  stop(): void;
}

type Write = { op: "upsert"; secret: KeyVaultSecretSummary } | { op: "remove"; key: string };

const key = (name: string) => name.toLowerCase(); // Key Vault names are case-insensitive.
const FIRST_FILL_RETRY_SECONDS = 5;

export function createSecretNameIndex(o: SecretNameIndexOptions): SecretNameIndex {
  const maxPages = o.maxPages ?? 40_000;
  const schedule = o.schedule ?? ((run, ms) => {
    const t = setTimeout(run, ms);
    t.unref(); // never keeps the process (or a test run) alive
    return { cancel: () => clearTimeout(t) };
  });

  let entries = new Map<string, KeyVaultSecretSummary>();
  let sorted: { keys: string[]; items: KeyVaultSecretSummary[] } | null = null;
  let ready = false;
  let started = false;
  let stopped = false;
  let inflight: Promise<void> | null = null;
  /** Own writes made while a pass runs, replayed onto its result so the swap cannot undo them. */
  let journal: Write[] | null = null;
  let timer: { cancel(): void } | null = null;
  let lastPassAt: string | null = null;
  let rev = 0;

  function apply(map: Map<string, KeyVaultSecretSummary>, w: Write) {
    if (w.op === "upsert") map.set(key(w.secret.name), w.secret);
    else map.delete(w.key);
  }

  function write(w: Write) {
    apply(entries, w);
    journal?.push(w);
    sorted = null;
    rev++;
  }

  function view() {
    if (!sorted) {
      const keys = [...entries.keys()].sort();
      sorted = { keys, items: keys.map((k) => entries.get(k)!) };
    }
    return sorted;
  }

  async function pass(): Promise<void> {
    const phase = ready ? "refresh" : "fill";
    const startedAt = performance.now();
    const fresh = new Map<string, KeyVaultSecretSummary>();
    journal = [];
    try {
      let n = 0;
      for await (const page of o.pages()) {
        for (const s of page) {
          fresh.set(key(s.name), s);
          // The first fill shows progress: searches see what is indexed so far.
          if (!ready) entries.set(key(s.name), s);
        }
        if (!ready) { sorted = null; rev++; }
        if (++n >= maxPages || stopped) break;
      }
      if (stopped) return;
      for (const w of journal) apply(fresh, w);
      entries = fresh;
      sorted = null;
      ready = true;
      lastPassAt = new Date().toISOString();
      rev++;
      o.onFilled?.({ count: fresh.size, ms: Math.round(performance.now() - startedAt), phase });
    } catch (err) {
      o.onError?.(err, phase);
    } finally {
      journal = null;
    }
  }

  function next() {
    if (stopped) return;
    timer?.cancel();
    const seconds = ready ? o.refreshSeconds : Math.min(o.refreshSeconds, FIRST_FILL_RETRY_SECONDS);
    timer = schedule(() => void refresh(), seconds * 1000);
  }

  function refresh(): Promise<void> {
    inflight ??= pass().finally(() => {
      inflight = null;
      next();
    });
    return inflight;
  }

  return {
    start() {
      if (started) return;
      started = true;
      void refresh();
    },
    refresh,
    status: () => ({ state: ready ? "ready" : "filling", count: entries.size }),
    query({ search, after, limit }) {
      const { keys, items } = view();
      const needle = search?.toLowerCase();
      let i = after === undefined ? 0 : upperBound(keys, key(after));
      const out: KeyVaultSecretSummary[] = [];
      for (; i < keys.length; i++) {
        if (needle !== undefined && !keys[i]!.includes(needle)) continue;
        if (out.length === limit) return { items: out, lastName: out[out.length - 1]!.name };
        out.push(items[i]!);
      }
      return { items: out, lastName: null };
    },
    get: (name) => entries.get(key(name)),
    updatedAt: () => lastPassAt,
    revision: () => rev,
    upsert: (secret) => write({ op: "upsert", secret }),
    remove: (name) => write({ op: "remove", key: key(name) }),
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}

/** First index whose key is greater than `k`. */
function upperBound(keys: string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
