import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { DeletedKeyVaultSecret, KeyVaultSecretsAdapter, NewKeyVaultSecret } from "@/server/adapters/key-vault";
import { AppError } from "@/server/errors";

/**
 * An in-memory vault behind OUR adapter interface, for service tests. Lists in insertion order (Key Vault's order
 * is not the portal's), at most 25 a page, and counts calls so tests can see what reached "the vault". Deletes are
 * soft (the name stays held until purged), names are case-insensitive, and `versions` counts the versions each
 * name got, so a test can tell one write from two.
 */
export interface FakeKeyVault extends KeyVaultSecretsAdapter {
  calls: { pages: number; get: number; set: number; delete: number; getDeleted: number };
  /** Versions written per name (lower case), by the portal or `external`. */
  versions: Map<string, number>;
  /** Writes by someone else (not through the portal). */
  external: {
    set(name: string, extra?: Partial<KeyVaultSecretSummary>): void;
    delete(name: string): void;
    /** Soft-deletes it: the name is held by a deleted secret until purged. */
    softDelete(name: string): void;
  };
  /**
   * The next writes of a name fail: `before` = refused before anything landed; `after` = the version landed and
   * then the connection broke (the caller sees an error although the write happened).
   */
  failNextSet(name: string, o: { when: "before" | "after"; error?: AppError; times?: number }): void;
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

/** What a dropped connection looks like after the adapter mapped it. */
export const connectionReset = () => new AppError("upstream", "Key Vault 'fake-kv' is unreachable (ECONNRESET).",
  { upstream: { service: "key-vault", code: "ECONNRESET", status: 503 } });

export function createFakeKeyVault(names: string[]): FakeKeyVault {
  const store = new Map(names.map((n) => [n.toLowerCase(), summary(n)]));
  const deleted = new Map<string, DeletedKeyVaultSecret>();
  const faults = new Map<string, { when: "before" | "after"; error: AppError; times: number }>();
  const missing = (name: string) => new AppError("not-found", `Secret '${name}' was not found in Key Vault 'fake-kv'.`);

  function write(s: NewKeyVaultSecret): KeyVaultSecretSummary {
    const key = s.name.toLowerCase();
    const written = summary(s.name, { contentType: s.contentType ?? null, tags: s.tags ?? {},
      enabled: s.enabled ?? true, expiresOn: s.expiresOn?.toISOString() ?? null, notBefore: s.notBefore?.toISOString() ?? null });
    store.set(key, written);
    fake.versions.set(key, (fake.versions.get(key) ?? 0) + 1);
    return written;
  }

  const fake: FakeKeyVault = {
    vault: { name: "fake-kv", url: "https://fake-kv.vault.azure.net/" },
    calls: { pages: 0, get: 0, set: 0, delete: 0, getDeleted: 0 },
    versions: new Map(),
    gate: null,
    gateFromPage: 0,
    failFromPage: null,
    external: {
      set: (n, extra = {}) => {
        store.set(n.toLowerCase(), summary(n, extra));
        fake.versions.set(n.toLowerCase(), (fake.versions.get(n.toLowerCase()) ?? 0) + 1);
      },
      delete: (n) => void store.delete(n.toLowerCase()),
      softDelete: (n) => {
        const s = store.get(n.toLowerCase()) ?? summary(n);
        store.delete(n.toLowerCase());
        deleted.set(n.toLowerCase(), { ...s, recoveryId: `https://fake-kv.vault.azure.net/deletedsecrets/${n}`,
          deletedOn: "2026-01-02T00:00:00.000Z", scheduledPurgeDate: "2026-04-02T00:00:00.000Z" });
      },
    },
    failNextSet(name, o) {
      faults.set(name.toLowerCase(), { when: o.when, error: o.error ?? connectionReset(), times: o.times ?? 1 });
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
      if (!s) throw missing(name);
      return s;
    },
    async getDeletedSecret(name) {
      fake.calls.getDeleted++;
      const s = deleted.get(name.toLowerCase());
      if (!s) throw missing(name);
      return s;
    },
    async setSecret(s) {
      fake.calls.set++;
      return write(s);
    },
    async setSecretOnce(s) {
      fake.calls.set++;
      const key = s.name.toLowerCase();
      if (deleted.has(key)) {
        throw new AppError("conflict", `Secret '${s.name}' is deleted but recoverable: its name cannot be reused until it is recovered or purged.`,
          { upstream: { service: "key-vault", code: "ObjectIsDeletedButRecoverable" } });
      }
      const fault = faults.get(key);
      if (fault) {
        if (--fault.times <= 0) faults.delete(key);
        if (fault.when === "after") write(s);
        throw fault.error;
      }
      return write(s);
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
      const gone = { ...s, recoveryId: null, deletedOn: null, scheduledPurgeDate: null };
      deleted.set(name.toLowerCase(), gone);
      return gone;
    },
    async recoverDeletedSecret(name) {
      const s = deleted.get(name.toLowerCase()) ?? summary(name);
      deleted.delete(name.toLowerCase());
      const back = summary(s.name, { contentType: s.contentType, tags: s.tags });
      store.set(name.toLowerCase(), back);
      return back;
    },
  };
  return fake;
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}
