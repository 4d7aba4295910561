import type { IncomingMessage, ServerResponse } from "node:http";
import type { KindDefinition } from "./kinds/types";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import { badRequest, KubeError } from "./status";
import type { KubeStore } from "./store";
import { apiVersionOf } from "./store-prepare";
import type { KubeObject } from "./store-types";

export interface WatchStreamOptions {
  store: KubeStore;
  def: KindDefinition;
  namespace?: string;
  query: URLSearchParams;
  /** Turns one object into what the client asked for (the object itself, or a one-row Table). */
  render(obj: KubeObject): unknown;
  bookmarkIntervalMs: number;
}

/** A watcher that cannot keep up is cut off (the client re-watches from its last version), bounding memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Stored objects are immutable, so their JSON is computed once and shared by every watcher (fan-out to many
 * watchers costs one stringify per change, not one per watcher).
 */
const objectJson = new WeakMap<object, string>();
function eventLine(type: string, object: unknown, shareable: boolean): string {
  if (!shareable || typeof object !== "object" || object === null) return `${JSON.stringify({ type, object })}\n`;
  let json = objectJson.get(object);
  if (json === undefined) { json = JSON.stringify(object); objectJson.set(object, json); }
  return `{"type":"${type}","object":${json}}\n`;
}

/** The API server closes watches after a random 30–60 min when no timeoutSeconds is given. */
const DEFAULT_TIMEOUT_S = 30 * 60;

/**
 * Serves `watch=true`: headers flushed at once (client-node's `watch()` resolves on them), then one JSON event per
 * line. A resourceVersion older than the window yields an ERROR event carrying a 410 Expired Status, as the API
 * server does, so clients relist.
 */
export function serveWatch(req: IncomingMessage, res: ServerResponse, o: WatchStreamOptions): void {
  const q = o.query;
  // Selector errors are a plain 400 before the stream starts.
  parseLabelSelector(q.get("labelSelector"));
  parseFieldSelector(q.get("fieldSelector"), o.def.selectableFields);
  const timeoutText = q.get("timeoutSeconds");
  if (timeoutText !== null && !/^\d+$/.test(timeoutText)) throw badRequest(`invalid timeoutSeconds: ${timeoutText}`);
  const timeoutS = timeoutText === null || timeoutText === "0" ? DEFAULT_TIMEOUT_S : Number(timeoutText);

  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private" });
  res.flushHeaders();
  let open = true;
  let lastRv = 0;
  const timers: NodeJS.Timeout[] = [];
  let watch: { stop(): void } | undefined;
  const close = () => {
    if (!open) return;
    open = false;
    watch?.stop();
    for (const t of timers) clearTimeout(t);
    res.end();
  };
  const write = (type: string, object: unknown, shareable = false) => {
    if (!open) return;
    res.write(eventLine(type, object, shareable));
    if (res.writableLength > MAX_BUFFERED_BYTES) { open = false; watch?.stop(); res.destroy(); }
  };
  const bookmark = (annotations?: Record<string, string>) => write("BOOKMARK", {
    kind: o.def.kind, apiVersion: apiVersionOf(o.def),
    metadata: { resourceVersion: String(Math.max(lastRv, Number(o.store.durableResourceVersion))), ...(annotations ? { annotations } : {}) },
  });
  req.on("close", close);
  res.on("close", close);

  try {
    watch = o.store.watch(o.def, {
      namespace: o.namespace, labelSelector: q.get("labelSelector"), fieldSelector: q.get("fieldSelector"),
      resourceVersion: q.get("resourceVersion"),
    }, (e) => {
      lastRv = Math.max(lastRv, Number(e.object.metadata.resourceVersion) || 0);
      const rendered = o.render(e.object);
      write(e.type, rendered, rendered === e.object);
    });
  } catch (err) {
    if (err instanceof KubeError && err.status === 410) { write("ERROR", err.toStatus()); close(); return; }
    throw err;
  }
  const bookmarks = q.get("allowWatchBookmarks") === "true";
  if (bookmarks && q.get("sendInitialEvents") === "true") bookmark({ "k8s.io/initial-events-end": "true" });
  if (bookmarks) timers.push(setInterval(() => bookmark(), o.bookmarkIntervalMs));
  timers.push(setTimeout(close, timeoutS * 1000));
}
