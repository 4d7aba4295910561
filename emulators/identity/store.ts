import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readJson, writeJsonAtomic } from "../shared/atomic-file";
import type { VaultRole } from "./roles";
import { randomUUID } from "node:crypto";
import {
  createInitialState, findPrincipal, newRoleAssignment, type FederatedCredential, type IdentityState, type ManagedIdentity,
  type Principal,
} from "./state";
import { upgradeState } from "./state-upgrade";

/** Identifies one version of state.json: every atomic write renames a new inode over it. */
interface FileVersion { ino: number; mtimeMs: number; size: number }

/**
 * The identity stand-in's state, shared by the running stack and `npm run stack -- …` in another process.
 *
 * Freshness: readers call `current()`, which re-reads state.json when its inode/mtime/size changed since the last
 * read (a stat per call, microseconds). So a grant or revoke written by the CLI takes effect on the next request
 * of the running stack, without restart and without an admin API to secure. Writers re-read before they change
 * anything; cross-process writes are last-writer-wins, which is enough for a CLI used by one operator.
 */
export class IdentityStore {
  private state: IdentityState;
  private version: FileVersion | undefined;

  private constructor(private readonly file: string, state: IdentityState, version: FileVersion | undefined) {
    this.state = state;
    this.version = version;
  }

  /** Opens `<dir>/state.json`, creating a new tenant (and persisting it) on first use unless `create` is false. */
  static async open(dir: string, { create = true } = {}): Promise<IdentityStore> {
    const file = join(dir, "state.json");
    let state = await readJson<IdentityState>(file);
    if (!state) {
      if (!create) throw new Error(`No identity state at ${file}: start the local stack once (npm start) to create it.`);
      state = await createInitialState();
      upgradeState(state);
      await writeJsonAtomic(file, state, 0o600);
    } else if (upgradeState(state)) {
      await writeJsonAtomic(file, state, 0o600);
    }
    return new IdentityStore(file, state, fileVersion(file));
  }

  current(): IdentityState {
    const now = fileVersion(this.file);
    if (now && !sameVersion(now, this.version)) {
      this.version = now;
      try {
        this.state = JSON.parse(readFileSync(this.file, "utf8")) as IdentityState;
      } catch (err) {
        // Our writes are atomic, so this is a hand edit gone wrong: keep serving the last good state.
        console.error(`identity stand-in: ignoring unreadable ${this.file} (${String(err)}); using the last good state`);
      }
    }
    return this.state;
  }

  get tenantId(): string {
    return this.current().tenantId;
  }

  /** True when `principalId` (a token's `oid`) holds any of `roles` on the vault, as of now. */
  hasRole(principalId: string, roles: VaultRole | readonly VaultRole[]): boolean {
    const wanted: readonly VaultRole[] = typeof roles === "string" ? [roles] : roles;
    const oid = principalId.toLowerCase();
    return this.current().roleAssignments.some((a) => a.principalId.toLowerCase() === oid && wanted.includes(a.role));
  }

  findPrincipal(ref: string): Principal | undefined {
    return findPrincipal(this.current(), ref);
  }

  /** Adds the assignment; false when it already existed (like `az`, granting twice is not an error). */
  async grant(principalId: string, role: VaultRole): Promise<boolean> {
    let added = false;
    await this.update((s) => {
      if (s.roleAssignments.some((a) => a.principalId === principalId && a.role === role)) return;
      s.roleAssignments.push(newRoleAssignment(principalId, role));
      added = true;
    });
    return added;
  }

  /** Removes the assignment; false when there was none. */
  async revoke(principalId: string, role: VaultRole): Promise<boolean> {
    let removed = false;
    await this.update((s) => {
      const before = s.roleAssignments.length;
      s.roleAssignments = s.roleAssignments.filter((a) => !(a.principalId === principalId && a.role === role));
      removed = s.roleAssignments.length < before;
    });
    return removed;
  }

  /** Creates a user-assigned managed identity, or returns the existing one of that name (like `az identity create`). */
  async createManagedIdentity(name: string): Promise<ManagedIdentity> {
    let identity: ManagedIdentity | undefined;
    await this.update((s) => {
      identity = s.managedIdentities.find((m) => m.name === name);
      if (identity) return;
      if (findPrincipal(s, name)) throw new Error(`"${name}" already names another principal`);
      identity = { name, clientId: randomUUID(), objectId: randomUUID(), tenantId: s.tenantId };
      s.managedIdentities.push(identity);
    });
    return identity!;
  }

  /** Adds the federated credential, replacing one of the same name on the same identity (as an ARM PUT does). */
  async federate(credential: FederatedCredential): Promise<void> {
    await this.update((s) => {
      s.federatedCredentials = s.federatedCredentials.filter((c) =>
        !(sameId(c.identityClientId, credential.identityClientId) && c.name === credential.name));
      s.federatedCredentials.push(credential);
    });
  }

  /** Removes the identity's federated credentials that match; returns them (empty when none did). */
  async unfederate(identityClientId: string, which: { name?: string; subject?: string }): Promise<FederatedCredential[]> {
    let removed: FederatedCredential[] = [];
    await this.update((s) => {
      const matches = (c: FederatedCredential) => sameId(c.identityClientId, identityClientId) &&
        (which.name === undefined || c.name === which.name) && (which.subject === undefined || c.subject === which.subject);
      removed = s.federatedCredentials.filter(matches);
      s.federatedCredentials = s.federatedCredentials.filter((c) => !matches(c));
    });
    return removed;
  }

  /** Sets the redirect URIs of a single-page app registration; no write when they are already those. */
  async setSpaRedirectUris(appName: string, uris: string[]): Promise<void> {
    const app = this.current().spaApps.find((a) => a.name === appName);
    if (!app) throw new Error(`no single-page app "${appName}"`);
    if (JSON.stringify(app.redirectUris) === JSON.stringify(uris)) return;
    await this.update((s) => {
      s.spaApps.find((a) => a.name === appName)!.redirectUris = [...uris];
    });
  }

  private async update(change: (state: IdentityState) => void): Promise<void> {
    const next = structuredClone(this.current());
    change(next);
    await writeJsonAtomic(this.file, next, 0o600);
    this.state = next;
    this.version = fileVersion(this.file);
  }
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function fileVersion(file: string): FileVersion | undefined {
  try {
    const s = statSync(file);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}

function sameVersion(a: FileVersion, b: FileVersion | undefined): boolean {
  return !!b && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}
