import "server-only";
import { randomBytes } from "node:crypto";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";

/**
 * Holds the vault's own page iterators between requests while the name index fills. The Key Vault SDK
 * (4.11) loses the page continuation token, and a raw `nextLink` handed to browsers would let a crafted cursor
 * send the portal's vault token elsewhere, so the cursor only names an iterator kept here. Bounded and short-lived:
 * once the index is ready, pages come from it, and an expired cursor falls back to it.
 */

type Page = IteratorResult<KeyVaultSecretSummary[]>;

export interface HeldPages {
  iterator: AsyncIterator<KeyVaultSecretSummary[]>;
  /** The next page, already requested. */
  next: Promise<Page>;
}

export interface VaultPageCursors {
  put(held: HeldPages): string;
  /** Single use: a cursor answers once (a second use falls back to the index). */
  take(id: string): HeldPages | undefined;
}

export function createVaultPageCursors(o: { max?: number; ttlMs?: number; now?: () => number } = {}): VaultPageCursors {
  const max = o.max ?? 200;
  const ttlMs = o.ttlMs ?? 5 * 60_000;
  const now = o.now ?? Date.now;
  const held = new Map<string, { pages: HeldPages; expires: number }>();

  function evict() {
    const t = now();
    for (const [id, h] of held) if (h.expires <= t) drop(id, h.pages);
    // Map iteration order is insertion order: the oldest go first.
    for (const [id, h] of held) {
      if (held.size < max) break;
      drop(id, h.pages);
    }
  }

  function drop(id: string, pages: HeldPages) {
    held.delete(id);
    void pages.iterator.return?.().catch(() => undefined);
  }

  return {
    put(pages) {
      evict();
      const id = randomBytes(12).toString("base64url");
      held.set(id, { pages, expires: now() + ttlMs });
      return id;
    },
    take(id) {
      const h = held.get(id);
      held.delete(id);
      return h && h.expires > now() ? h.pages : undefined;
    },
  };
}

/**
 * Requests the page after the current one and tells whether there is one. The SDK's pager ends without a call
 * when the last page had no `nextLink`, so "done" settles before any I/O could: a next page is known to exist iff
 * the request is still pending after one macrotask. Meanwhile the prefetch makes the next click faster.
 */
export async function peekNext(iterator: AsyncIterator<KeyVaultSecretSummary[]>): Promise<HeldPages | null> {
  const next = iterator.next();
  next.catch(() => undefined); // surfaced when the next page is asked for
  const settled = await Promise.race([
    next.then((r) => (r.done ? "done" : "page"), () => "page"),
    new Promise<"pending">((resolve) => setImmediate(() => resolve("pending"))),
  ]);
  return settled === "done" ? null : { iterator, next };
}
