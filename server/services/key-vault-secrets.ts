import "server-only";
import { z } from "zod";
import type { KeyVaultSecretList, KeyVaultSecretListQuery, KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { KeyVaultSecretPatch, KeyVaultSecretsAdapter, NewKeyVaultSecret } from "@/server/adapters/key-vault";
import { AppError } from "@/server/errors";
import type { SecretNameIndex } from "@/server/services/secret-name-index";
import { createVaultPageCursors, peekNext, type VaultPageCursors } from "@/server/services/vault-page-cursors";

/**
 * Key Vault secrets as the portal uses them: listing and search through the name index, and writes that go to
 * the vault and then into the index (so the operator sees their own change at once).
 */

export interface KeyVaultSecretsService {
  readonly vault: { name: string; url: string };
  startIndex(): void;
  list(q: KeyVaultSecretListQuery): Promise<KeyVaultSecretList>;
  get(name: string): Promise<KeyVaultSecretSummary>;
  set(secret: NewKeyVaultSecret): Promise<KeyVaultSecretSummary>;
  updateProperties(name: string, patch: KeyVaultSecretPatch): Promise<KeyVaultSecretSummary>;
  delete(name: string): Promise<void>;
  recover(name: string): Promise<KeyVaultSecretSummary>;
}

/** Opaque to clients: `v` = a held vault pager (with the last name, to fall back on the index), `i` = index keyset. */
const cursorShape = z.union([
  z.object({ k: z.literal("v"), id: z.string(), a: z.string() }),
  z.object({ k: z.literal("i"), a: z.string() }),
]);
type Cursor = z.infer<typeof cursorShape>;

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decode(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new AppError("bad-request", "The list cursor is not valid; reload the list.", { errors: { cursor: ["Invalid cursor"] } });
  }
}

export function createKeyVaultSecretsService(deps: {
  adapter: KeyVaultSecretsAdapter;
  index: SecretNameIndex;
  cursors?: VaultPageCursors;
}): KeyVaultSecretsService {
  const { adapter, index } = deps;
  const cursors = deps.cursors ?? createVaultPageCursors();

  function fromIndex(search: string | undefined, after: string | undefined, pageSize: number): KeyVaultSecretList {
    const page = index.query({ search, after, limit: pageSize });
    return { items: page.items, nextCursor: page.lastName === null ? null : encode({ k: "i", a: page.lastName }),
      index: index.status() };
  }

  async function fromVault(cursor: Extract<Cursor, { k: "v" }> | undefined, pageSize: number): Promise<KeyVaultSecretList> {
    let current;
    if (cursor) {
      const held = cursors.take(cursor.id);
      // Expired, used twice, or another server instance: the index (partial while filling) takes over.
      if (!held) return fromIndex(undefined, cursor.a, pageSize);
      current = { iterator: held.iterator, result: await held.next };
    } else {
      const iterator = adapter.secretPages(pageSize);
      current = { iterator, result: await iterator.next() };
    }
    if (current.result.done) return { items: [], nextCursor: null, index: index.status() };
    const items = current.result.value;
    const ahead = await peekNext(current.iterator);
    const last = items[items.length - 1]?.name ?? cursor?.a ?? "";
    return { items, nextCursor: ahead ? encode({ k: "v", id: cursors.put(ahead), a: last }) : null, index: index.status() };
  }

  return {
    vault: adapter.vault,
    startIndex: () => index.start(),

    async list({ search, cursor, pageSize }) {
      index.start();
      const c = decode(cursor);
      if (search !== undefined || c?.k === "i") return fromIndex(search, c?.a, pageSize);
      if (c?.k === "v") return fromVault(c, pageSize);
      // First page: from the index once it holds the whole vault, else straight from the vault's first page.
      return index.status().state === "ready" ? fromIndex(undefined, undefined, pageSize) : fromVault(undefined, pageSize);
    },

    get: (name) => adapter.getSecretProperties(name),

    async set(secret) {
      const summary = await adapter.setSecret(secret);
      index.upsert(summary);
      return summary;
    },

    async updateProperties(name, patch) {
      const summary = await adapter.updateSecretProperties(name, patch);
      index.upsert(summary);
      return summary;
    },

    async delete(name) {
      await adapter.deleteSecret(name);
      index.remove(name);
    },

    async recover(name) {
      const summary = await adapter.recoverDeletedSecret(name);
      index.upsert(summary);
      return summary;
    },
  };
}
