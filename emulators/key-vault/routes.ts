import type { VaultRole } from "./auth";
import { decodeBackup, encodeBackup, restoreInput } from "./backup";
import { deletedBundle, deletedItem, secretBundle, secretItem, versionItem } from "./bundles";
import { VaultError } from "./errors";
import { nowSeconds, type SecretVersion } from "./model";
import { nextLink, readPaging } from "./paging";
import type { Reply, Route, RouteContext } from "./router";
import { parseJsonBody, setSecretInput, updateSecretInput } from "./validation";

const OFFICER: readonly VaultRole[] = ["Key Vault Secrets Officer"];
const READ_VALUE: readonly VaultRole[] = ["Key Vault Secrets User", "Key Vault Secrets Officer"];
const READ_METADATA: readonly VaultRole[] = ["Key Vault Reader", "Key Vault Secrets User", "Key Vault Secrets Officer"];
const ACTION = (a: string) => `Microsoft.KeyVault/vaults/secrets/${a}`;

const ok = (body: unknown): Reply => ({ status: 200, body });
const nameOf = (ctx: RouteContext) => ctx.params.name ?? "";

/**
 * Azure refuses a value it must not hand out: disabled (documented), and, for this stand-in, outside its
 * nbf/exp window (see the README of this folder: real Azure is reported to serve expired values).
 */
function assertReadable(v: SecretVersion): void {
  const now = nowSeconds();
  if (!v.enabled) throw new VaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
  if (v.exp !== undefined && v.exp <= now) {
    throw new VaultError(403, "Forbidden", "Operation get is not allowed on an expired secret.", "SecretExpired");
  }
  if (v.nbf !== undefined && v.nbf > now) {
    throw new VaultError(403, "Forbidden", "Operation get is not allowed on a secret that is not yet valid.", "SecretNotYetValid");
  }
}

function getSecret(ctx: RouteContext): Reply {
  const { entry, version } = ctx.store.get(nameOf(ctx), ctx.params.version);
  assertReadable(version);
  return ok(secretBundle(ctx.vaultUrl, entry, version, true));
}

async function setSecret(ctx: RouteContext): Promise<Reply> {
  const input = parseJsonBody(setSecretInput, await ctx.body());
  const { entry, version } = await ctx.store.set(nameOf(ctx), input);
  return ok(secretBundle(ctx.vaultUrl, entry, version, true));
}

async function updateSecret(ctx: RouteContext): Promise<Reply> {
  const input = parseJsonBody(updateSecretInput, await ctx.body());
  const { entry, version } = await ctx.store.update(nameOf(ctx), ctx.params.version, input);
  return ok(secretBundle(ctx.vaultUrl, entry, version, false));
}

function listSecrets(ctx: RouteContext): Reply {
  const { max, maxGiven, after } = readPaging(ctx.query);
  const page = ctx.store.list(after, max);
  return ok({
    value: page.entries.flatMap((e) => { const v = e.versions.at(-1); return v ? [secretItem(ctx.vaultUrl, e, v)] : []; }),
    nextLink: nextLink(ctx.vaultUrl, "secrets", ctx.apiVersion, page.nextAfter, max, maxGiven),
  });
}

function listVersions(ctx: RouteContext): Reply {
  const { max, maxGiven, after } = readPaging(ctx.query);
  const { entry, versions } = ctx.store.versions(nameOf(ctx));
  // Versions page by position in creation order; the token carries the last position served.
  const start = after === undefined ? 0 : Number(after) + 1;
  const slice = Number.isInteger(start) && start >= 0 ? versions.slice(start, start + max) : [];
  const more = start + max < versions.length;
  return ok({
    value: entry ? slice.map((v) => versionItem(ctx.vaultUrl, entry, v)) : [],
    nextLink: nextLink(ctx.vaultUrl, `secrets/${entry?.name ?? nameOf(ctx)}/versions`, ctx.apiVersion,
      more ? String(start + max - 1) : undefined, max, maxGiven),
  });
}

async function deleteSecret(ctx: RouteContext): Promise<Reply> {
  const entry = await ctx.store.delete(nameOf(ctx));
  return ok(deletedBundle(ctx.vaultUrl, entry, current(entry.versions)));
}

function listDeleted(ctx: RouteContext): Reply {
  const { max, maxGiven, after } = readPaging(ctx.query);
  const page = ctx.store.listDeleted(after, max);
  return ok({
    value: page.entries.map((e) => deletedItem(ctx.vaultUrl, e, current(e.versions))),
    nextLink: nextLink(ctx.vaultUrl, "deletedsecrets", ctx.apiVersion, page.nextAfter, max, maxGiven),
  });
}

function getDeleted(ctx: RouteContext): Reply {
  const entry = ctx.store.getDeleted(nameOf(ctx));
  return ok(deletedBundle(ctx.vaultUrl, entry, current(entry.versions)));
}

async function recover(ctx: RouteContext): Promise<Reply> {
  const entry = await ctx.store.recover(nameOf(ctx));
  return ok(secretBundle(ctx.vaultUrl, entry, current(entry.versions), false));
}

function backup(ctx: RouteContext): Reply {
  return ok({ value: encodeBackup(ctx.store.backup(nameOf(ctx))) });
}

async function restore(ctx: RouteContext): Promise<Reply> {
  const { value } = parseJsonBody(restoreInput, await ctx.body());
  const entry = await ctx.store.restore(decodeBackup(value));
  return ok(secretBundle(ctx.vaultUrl, entry, current(entry.versions), false));
}

async function purge(ctx: RouteContext): Promise<Reply> {
  await ctx.store.purge(nameOf(ctx));
  return { status: 204 };
}

function current(versions: SecretVersion[]): SecretVersion {
  const v = versions.at(-1);
  if (!v) throw new VaultError(404, "SecretNotFound", "The secret has no versions.");
  return v;
}

/** The secrets data plane (Key Vault REST API, secrets.json of azure-rest-api-specs). */
export const ROUTES: readonly Route[] = [
  { method: "GET", template: "/secrets", action: ACTION("readMetadata/action"), roles: READ_METADATA, handle: listSecrets },
  { method: "GET", template: "/secrets/{name}/versions", action: ACTION("readMetadata/action"), roles: READ_METADATA, handle: listVersions },
  { method: "GET", template: "/secrets/{name}", action: ACTION("getSecret/action"), roles: READ_VALUE, handle: getSecret },
  { method: "GET", template: "/secrets/{name}/{version}", action: ACTION("getSecret/action"), roles: READ_VALUE, handle: getSecret },
  { method: "PUT", template: "/secrets/{name}", action: ACTION("setSecret/action"), roles: OFFICER, handle: setSecret },
  { method: "PATCH", template: "/secrets/{name}", action: ACTION("update/action"), roles: OFFICER, handle: updateSecret },
  { method: "PATCH", template: "/secrets/{name}/{version}", action: ACTION("update/action"), roles: OFFICER, handle: updateSecret },
  { method: "DELETE", template: "/secrets/{name}", action: ACTION("delete"), roles: OFFICER, handle: deleteSecret },
  { method: "POST", template: "/secrets/{name}/backup", action: ACTION("backup/action"), roles: OFFICER, handle: backup },
  { method: "POST", template: "/secrets/restore", action: ACTION("restore/action"), roles: OFFICER, handle: restore },
  { method: "GET", template: "/deletedsecrets", action: ACTION("readMetadata/action"), roles: READ_METADATA, handle: listDeleted },
  { method: "GET", template: "/deletedsecrets/{name}", action: ACTION("readMetadata/action"), roles: READ_METADATA, handle: getDeleted },
  { method: "DELETE", template: "/deletedsecrets/{name}", action: ACTION("purge/action"), roles: OFFICER, handle: purge },
  { method: "POST", template: "/deletedsecrets/{name}/recover", action: ACTION("recover/action"), roles: OFFICER, handle: recover },
];
