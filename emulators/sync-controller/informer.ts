import { createInterface } from "node:readline";
import { KubeApiError, statusError, type KubeClient, type KubeObject } from "./kube-client";

export interface InformerHandlers {
  added(obj: KubeObject): void;
  updated(previous: KubeObject, obj: KubeObject): void;
  deleted(obj: KubeObject): void;
  /** A list or watch failed; the informer retries by itself (bounded backoff). */
  error?(err: unknown): void;
}

const WATCH_TIMEOUT_SECONDS = 300;
const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 5_000;

/**
 * List + watch of one collection, as client-go's reflector does it: a paged list gives the cache and a
 * resourceVersion, a watch resumes from the last one seen (bookmarks included) whenever the stream ends, and a
 * `410 Expired` (the version fell out of the server's window) means a fresh list, diffed against the cache so each
 * change is reported once. Errors back off (up to 5 s) and retry until stop().
 */
export class Informer {
  readonly cache = new Map<string, KubeObject>();
  private resourceVersion = "";
  private stopped = false;
  private abortWatch: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly kube: KubeClient, private readonly path: string, private readonly on: InformerHandlers,
    private readonly watchTimeoutSeconds = WATCH_TIMEOUT_SECONDS) {}

  /** Resolves after the first list has been delivered (every object as `added`). */
  async start(): Promise<void> {
    await this.relist();
    this.loop = this.watchLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abortWatch?.();
    this.wake?.();
    await this.loop;
  }

  private async watchLoop(): Promise<void> {
    let backoff = 100;
    while (!this.stopped) {
      const started = Date.now();
      try {
        await this.watchOnce();
        // A stream that ends at once (server going away) is retried with backoff, not in a tight loop.
        if (Date.now() - started > 1_000) backoff = 100;
        else {
          await this.sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      } catch (err) {
        if (this.stopped) return;
        if (err instanceof KubeApiError && err.status === 410) {
          await this.relist().catch((e: unknown) => this.on.error?.(e));
          continue;
        }
        this.on.error?.(err);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async relist(): Promise<void> {
    const seen = new Map<string, KubeObject>();
    let next: string | undefined;
    let rv = "";
    for (let page = 0; page < 10_000; page++) {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE), ...(next ? { continue: next } : {}) });
      const list = await this.kube.call<{ items: KubeObject[]; metadata: { resourceVersion: string; continue?: string } }>(
        "GET", `${this.path}?${q}`);
      for (const item of list.items) seen.set(keyOf(item), item);
      rv = list.metadata.resourceVersion;
      next = list.metadata.continue;
      if (!next) break;
    }
    for (const [key, old] of this.cache) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.on.deleted(old);
      }
    }
    for (const [key, obj] of seen) {
      const old = this.cache.get(key);
      this.cache.set(key, obj);
      if (!old) this.on.added(obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.on.updated(old, obj);
    }
    this.resourceVersion = rv;
  }

  private async watchOnce(): Promise<void> {
    const q = new URLSearchParams({ watch: "1", resourceVersion: this.resourceVersion, allowWatchBookmarks: "true",
      timeoutSeconds: String(this.watchTimeoutSeconds) });
    const { res, abort } = await this.kube.http.stream(this.kube.url(`${this.path}?${q}`),
      { headers: { authorization: this.kube.authorization } });
    this.abortWatch = abort;
    // A stream cut mid-way (abort, silence, server gone) just ends the iteration below: the loop re-watches.
    res.on("error", () => undefined);
    if (this.stopped) return abort();
    if ((res.statusCode ?? 0) >= 300) {
      const text = await readAll(res);
      let json: unknown;
      try { json = JSON.parse(text); } catch { json = undefined; }
      throw statusError({ status: res.statusCode ?? 0, json, text });
    }
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line) as { type: string; object: KubeObject & { code?: number; reason?: string; message?: string } };
        if (event.type === "ERROR") {
          const s = event.object;
          throw new KubeApiError(s.code ?? 500, s.reason ?? "InternalError", s.message ?? "watch error");
        }
        this.apply(event.type, event.object);
      }
    } catch (err) {
      if (this.stopped) return;
      throw err;
    } finally {
      this.abortWatch = undefined;
    }
  }

  private apply(type: string, obj: KubeObject): void {
    if (obj.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    if (type === "BOOKMARK") return;
    const key = keyOf(obj);
    const old = this.cache.get(key);
    if (type === "DELETED") {
      this.cache.delete(key);
      if (old) this.on.deleted(obj);
      return;
    }
    this.cache.set(key, obj);
    if (!old) this.on.added(obj);
    else this.on.updated(old, obj);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(r, ms);
      this.wake = () => { clearTimeout(t); r(); };
    });
  }
}

export function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
}

function readAll(res: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
  });
}
