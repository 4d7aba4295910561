import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { KeyVaultSecretsAdapter } from "@/server/adapters/key-vault";
import { AppError } from "@/server/errors";

/**
 * An in-memory vault behind OUR adapter interface, for service tests. Lists in insertion order (Key Vault's order
 * is not the portal's), at most 25 a page, and counts calls so tests can see what reached "the vault".
 */
export interface FakeKeyVault extends KeyVaultSecretsAdapter {
  calls: { pages: number; get: number; set: number; delete: number };
  /** Writes by someone else (not through the portal). */
  external: { set(name: string): void; delete(name: string): void };
  /** While set, every page from `gateFromPage` on waits for it. */
  gate: Promise<void> | null;
  gateFromPage: number;
  /** While set, listing pages fails from this page index on. */
  failFromPage: number | null;
}

export function summary(name: string, extra: Partial<KeyVaultSecretSummary> = {}): KeyVaultSecretSummary {
  return { name, contentType: null, enabled: true, createdOn: "2026-01-01T00:00:00.000Z",
    updatedOn: "2026-01-01T00:00:00.000Z", expiresOn: null, notBefore: null, tags: {}, ...extra };
}

export function createFakeKeyVault(names: string[]): FakeKeyVault {
  const store = new Map(names.map((n) => [n.toLowerCase(), summary(n)]));
  const fake: FakeKeyVault = {
    vault: { name: "fake-kv", url: "https://fake-kv.vault.azure.net/" },
    calls: { pages: 0, get: 0, set: 0, delete: 0 },
    gate: null,
    gateFromPage: 0,
    failFromPage: null,
    external: {
      set: (n) => void store.set(n.toLowerCase(), summary(n)),
      delete: (n) => void store.delete(n.toLowerCase()),
    },
    secretPages(pageSize = 25) {
      const size = Math.min(pageSize, 25);
      return (async function* () {
        const snapshot = [...store.values()];
        for (let i = 0, page = 0; i < snapshot.length || page === 0; i += size, page++) {
          fake.calls.pages++;
          if (fake.gate && page >= fake.gateFromPage) await fake.gate;
          if (fake.failFromPage !== null && page >= fake.failFromPage) {
            throw new AppError("upstream", "Key Vault 'fake-kv' is unavailable.", { upstream: { service: "key-vault", code: "ServiceUnavailable", status: 503 } });
          }
          yield snapshot.slice(i, i + size);
        }
      })();
    },
    async getSecretProperties(name) {
      fake.calls.get++;
      const s = store.get(name.toLowerCase());
      if (!s) throw new AppError("not-found", `Secret '${name}' was not found in Key Vault 'fake-kv'.`);
      return s;
    },
    async setSecret({ name, contentType, tags }) {
      fake.calls.set++;
      const s = summary(name, { contentType: contentType ?? null, tags: tags ?? {} });
      store.set(name.toLowerCase(), s);
      return s;
    },
    async updateSecretProperties(name, patch) {
      const s = { ...(await fake.getSecretProperties(name)), ...(patch.contentType !== undefined && { contentType: patch.contentType }) };
      store.set(name.toLowerCase(), s);
      return s;
    },
    async deleteSecret(name) {
      fake.calls.delete++;
      const s = await fake.getSecretProperties(name);
      store.delete(name.toLowerCase());
      return { ...s, recoveryId: null, deletedOn: null, scheduledPurgeDate: null };
    },
    async recoverDeletedSecret(name) {
      const s = summary(name);
      store.set(name.toLowerCase(), s);
      return s;
    },
  };
  return fake;
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}
