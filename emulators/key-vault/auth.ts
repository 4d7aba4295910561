import type { IncomingMessage } from "node:http";
import { VaultError } from "./errors";

export type VaultRole = "Key Vault Secrets User" | "Key Vault Secrets Officer" | "Key Vault Reader";

export interface Caller { oid: string; appid?: string; iss?: string }

export interface AuthOptions {
  vaultName: string;
  tenantId: string;
  authorityHost: string;
  verifyToken(token: string): Promise<{ oid: string } & Record<string, unknown>>;
  hasRole(oid: string, roles: readonly VaultRole[]): boolean;
}

/** Key Vault's bearer challenge: the SDKs read the tenant from `authorization` and the scope from `resource`. */
export function challenge(o: Pick<AuthOptions, "authorityHost" | "tenantId">): string {
  const authority = o.authorityHost.endsWith("/") ? o.authorityHost : `${o.authorityHost}/`;
  return `Bearer authorization="${authority}${o.tenantId}", resource="https://vault.azure.net"`;
}

export const MISSING_TOKEN = "AKV10000: Request is missing a Bearer or PoP token.";

export function unauthorized(o: Pick<AuthOptions, "authorityHost" | "tenantId">, message: string): VaultError {
  return new VaultError(401, "Unauthorized", message, undefined, { "WWW-Authenticate": challenge(o) });
}

/** The caller behind the request's bearer token; 401 with the challenge when there is none or it is not valid. */
export async function authenticate(req: IncomingMessage, o: AuthOptions): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) throw unauthorized(o, MISSING_TOKEN);
  let claims: { oid: string } & Record<string, unknown>;
  try {
    claims = await o.verifyToken(match[1]);
  } catch (err) {
    throw unauthorized(o, `Invalid bearer token: ${err instanceof Error ? err.message : "verification failed"}`);
  }
  if (typeof claims.oid !== "string" || claims.oid === "") {
    throw unauthorized(o, "Invalid bearer token: the token has no 'oid' claim.");
  }
  return {
    oid: claims.oid,
    ...(typeof claims.appid === "string" ? { appid: claims.appid } : {}),
    ...(typeof claims.iss === "string" ? { iss: claims.iss } : {}),
  };
}

/** Azure RBAC on the vault: 403 ForbiddenByRbac, with Azure's message naming the data action. */
export function authorize(caller: Caller, action: string, roles: readonly VaultRole[], resource: string,
  o: AuthOptions): void {
  if (o.hasRole(caller.oid, roles)) return;
  const scope = `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/local-stack/providers/` +
    `microsoft.keyvault/vaults/${o.vaultName}${resource}`;
  throw new VaultError(403, "Forbidden", [
    "Caller is not authorized to perform action on resource.",
    "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.",
    `Caller: appid=${caller.appid ?? caller.oid};oid=${caller.oid};iss=${caller.iss ?? ""}`,
    `Action: '${action}'`,
    `Resource: '${scope.toLowerCase()}'`,
    "Assignment: (not found)",
    "DenyAssignmentId: null",
    "DecisionReason: null ",
    `Vault: ${o.vaultName};location=local`,
    "",
  ].join("\r\n"), "ForbiddenByRbac");
}
