import { randomBytes } from "node:crypto";
import { deletedButRecoverable, deletedSecretNotFound, secretNotFound, VaultError } from "./errors";
import { Journal } from "./journal";
import { nameKey, nowSeconds, RECOVERABLE_DAYS, type SecretEntry, type SecretVersion } from "./model";
import type { SetSecretInput, UpdateSecretInput } from "./validation";

/** One logged change. `put` adds a version (set) or replaces one with the same id (update). */
export type VaultOp =
  | { op: "put"; key: string; name: string; version: SecretVersion }
  | { op: "delete"; key: string; deletedDate: number; scheduledPurgeDate: number }
  | { op: "recover"; key: string }
  | { op: "purge"; key: string }
  | { op: "restore"; key: string; entry: SecretEntry };

export interface Page { entries: SecretEntry[]; nextAfter: string | undefined }

/**
 * The vault's secrets in memory (keyed by lower-case name: Key Vault names are case-insensitive), every change
 * applied first in memory and then made durable through the journal before the caller acknowledges it.
 */
export class VaultStore {
  private readonly entries = new Map<string, SecretEntry>();
  private sortedKeys: string[] | undefined;
  private journal!: Journal<SecretEntry[], VaultOp>;

  static async open(dir: string): Promise<VaultStore> {
    const store = new VaultStore();
    store.journal = await Journal.open<SecretEntry[], VaultOp>({
      dir,
      restore: (state) => { store.entries.clear(); for (const e of state ?? []) store.entries.set(nameKey(e.name), e); },
      replay: (op) => store.apply(op),
      capture: () => [...store.entries.values()],
      label: "key-vault",
    });
    return store;
  }

  get isEmpty(): boolean { return this.entries.size === 0; }

  close(): Promise<void> { return this.journal.close(); }

  async set(name: string, input: SetSecretInput): Promise<{ entry: SecretEntry; version: SecretVersion }> {
    const key = nameKey(name);
    const existing = this.entries.get(key);
    if (existing?.deleted) throw deletedButRecoverable(existing.name);
    const now = nowSeconds();
    const version: SecretVersion = {
      version: randomBytes(16).toString("hex"), value: input.value, enabled: input.attributes?.enabled ?? true,
      created: now, updated: now,
      ...defined({ contentType: input.contentType, tags: input.tags, nbf: input.attributes?.nbf, exp: input.attributes?.exp }),
    };
    const durable = this.commit({ op: "put", key, name: existing?.name ?? name, version });
    const entry = this.mustGet(key);                   // taken now: a concurrent purge must not turn this into a 404
    await durable;
    return { entry, version };
  }

  /** The current version, or the given one; `versionId` "" means current, as `/secrets/{name}/` does. */
  get(name: string, versionId?: string): { entry: SecretEntry; version: SecretVersion } {
    const entry = this.entries.get(nameKey(name));
    const version = entry && !entry.deleted
      ? (versionId ? entry.versions.find((v) => v.version === versionId.toLowerCase()) : entry.versions.at(-1))
      : undefined;
    if (!entry || !version) throw secretNotFound(versionId ? `${name}/${versionId}` : name);
    return { entry, version };
  }

  async update(name: string, versionId: string | undefined, input: UpdateSecretInput) {
    const { entry, version } = this.get(name, versionId);
    const updated: SecretVersion = {
      ...version,
      ...defined({ contentType: input.contentType, tags: input.tags, enabled: input.attributes?.enabled,
        nbf: input.attributes?.nbf, exp: input.attributes?.exp }),
      updated: nowSeconds(),
    };
    await this.commit({ op: "put", key: nameKey(entry.name), name: entry.name, version: updated });
    return { entry, version: updated };
  }

  list(after: string | undefined, max: number): Page {
    return this.page(after, max, (e) => !e.deleted);
  }

  listDeleted(after: string | undefined, max: number): Page {
    return this.page(after, max, (e) => Boolean(e.deleted));
  }

  /** Versions of an active secret; none (not 404) for an unknown name, as Azure answers an empty list. */
  versions(name: string): { entry: SecretEntry | undefined; versions: SecretVersion[] } {
    const entry = this.entries.get(nameKey(name));
    return entry && !entry.deleted ? { entry, versions: entry.versions } : { entry: undefined, versions: [] };
  }

  async delete(name: string): Promise<SecretEntry> {
    const { entry } = this.get(name);
    const deletedDate = nowSeconds();
    await this.commit({ op: "delete", key: nameKey(name), deletedDate,
      scheduledPurgeDate: deletedDate + RECOVERABLE_DAYS * 24 * 3600 });
    return entry;
  }

  getDeleted(name: string): SecretEntry {
    const entry = this.entries.get(nameKey(name));
    if (!entry?.deleted) throw deletedSecretNotFound(name);
    return entry;
  }

  async recover(name: string): Promise<SecretEntry> {
    const entry = this.getDeleted(name);
    await this.commit({ op: "recover", key: nameKey(name) });
    return entry;
  }

  async purge(name: string): Promise<void> {
    this.getDeleted(name);
    await this.commit({ op: "purge", key: nameKey(name) });
  }

  /** An active secret with all its versions, for a backup blob. */
  backup(name: string): SecretEntry {
    return this.get(name).entry;
  }

  /** Brings back a backed-up secret under its own name; the name must be free (not active, not soft-deleted). */
  async restore(entry: SecretEntry): Promise<SecretEntry> {
    const key = nameKey(entry.name);
    const existing = this.entries.get(key);
    if (existing?.deleted) throw deletedButRecoverable(existing.name);
    if (existing) {
      throw new VaultError(409, "Conflict", `Secret ${existing.name} already exists; a backup can only be restored ` +
        "under a name that is not in use (delete and purge the secret first).");
    }
    const restored: SecretEntry = { name: entry.name, versions: entry.versions };
    await this.commit({ op: "restore", key, entry: restored });
    return restored;
  }

  private commit(op: VaultOp): Promise<void> {
    this.apply(op);
    return this.journal.append(op);
  }

  private apply(op: VaultOp): void {
    const entry = this.entries.get(op.key);
    switch (op.op) {
      case "put": {
        if (!entry) {
          this.entries.set(op.key, { name: op.name, versions: [op.version] });
          this.sortedKeys = undefined;
          return;
        }
        const at = entry.versions.findIndex((v) => v.version === op.version.version);
        entry.versions = at >= 0 ? entry.versions.with(at, op.version) : [...entry.versions, op.version];
        return;
      }
      case "delete":
        if (entry) entry.deleted = { deletedDate: op.deletedDate, scheduledPurgeDate: op.scheduledPurgeDate };
        return;
      case "recover":
        if (entry) delete entry.deleted;
        return;
      case "purge":
        this.entries.delete(op.key);
        this.sortedKeys = undefined;
        return;
      case "restore":
        this.entries.set(op.key, op.entry);
        this.sortedKeys = undefined;
        return;
    }
  }

  private mustGet(key: string): SecretEntry {
    const entry = this.entries.get(key);
    if (!entry) throw secretNotFound(key);
    return entry;
  }

  /** Pages in name order, resuming after a name: stable when secrets are added or removed between pages. */
  private page(after: string | undefined, max: number, keep: (e: SecretEntry) => boolean): Page {
    this.sortedKeys ??= [...this.entries.keys()].sort();
    const keys = this.sortedKeys;
    let i = after === undefined ? 0 : upperBound(keys, after);
    const entries: SecretEntry[] = [];
    let lastKey: string | undefined;
    for (; i < keys.length && entries.length < max; i++) {
      const entry = this.entries.get(keys[i] ?? "");
      if (entry && keep(entry)) { entries.push(entry); lastKey = keys[i]; }
    }
    let more = false;
    for (; i < keys.length && !more; i++) more = keep(this.entries.get(keys[i] ?? "") ?? { name: "", versions: [] });
    return { entries, nextAfter: more ? lastKey : undefined };
  }
}

function upperBound(keys: string[], after: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? "") <= after) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Drops null/undefined so "not given" never overwrites a stored field. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as never;
}
