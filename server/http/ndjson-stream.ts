import "server-only";

/**
 * A live stream of JSON events, one per line (`application/x-ndjson`), for a page that reads it with `fetch` and
 * its bearer token in the `Authorization` header (an EventSource could only carry the token in the URL, where
 * logs and proxies keep it).
 *
 * - `Cache-Control: no-transform` keeps Next's response compression (and proxies that honour it) from holding
 *   lines back until a compression block fills: each event leaves when it is written.
 * - A heartbeat line keeps idle connections from being cut by proxies and lets the page notice a dead stream.
 * - The stream ends after `maxMs`: the page reconnects, so its token and roles are checked again at least that
 *   often (a stream outliving an expired token or a removed role would be a hole).
 */
export interface NdjsonStreamOptions<E> {
  /** Starts the events; returns the unsubscribe. */
  subscribe(send: (event: E) => void): () => void;
  heartbeat: () => E;
  heartbeatMs?: number;
  maxMs?: number;
  /** The request's signal: the client went away. */
  signal?: AbortSignal;
}

export const STREAM_HEARTBEAT_MS = 15_000;
export const STREAM_MAX_MS = 5 * 60_000;

export function ndjsonStream<E>(o: NdjsonStreamOptions<E>): Response {
  const encoder = new TextEncoder();
  let close: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (event: E) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          close();
        }
      };
      const unsubscribe = o.subscribe(send);
      const beat = setInterval(() => send(o.heartbeat()), o.heartbeatMs ?? STREAM_HEARTBEAT_MS);
      const end = setTimeout(() => close(), o.maxMs ?? STREAM_MAX_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        clearTimeout(end);
        unsubscribe();
        o.signal?.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed or errored by the client going away
        }
      };
      o.signal?.addEventListener("abort", close);
    },
    cancel() {
      close();
    },
  });
  return new Response(body, { headers: {
    "content-type": "application/x-ndjson; charset=utf-8",
    "cache-control": "no-store, no-transform",
    // nginx and other buffering proxies: pass each line on at once.
    "x-accel-buffering": "no",
  } });
}
