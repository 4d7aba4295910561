import "server-only";
import { accessLevel, allows, APP_ROLES, ROLE_DISPLAY_NAMES, type AccessLevel } from "@/lib/auth/roles";
import { AppError } from "@/server/errors";
import type { AccessTokenClaims } from "./access-token-verifier";

/** Who is calling: a signed-in person, an application (client credentials, e.g. a script), or nobody (public routes). */
export type Principal =
  | { kind: "user" | "application"; id: string; name: string; tenantId: string; roles: readonly string[] }
  | { kind: "anonymous"; id: "anonymous"; name: "anonymous"; roles: readonly [] };

export const ANONYMOUS: Principal = { kind: "anonymous", id: "anonymous", name: "anonymous", roles: [] };

/** Delegated (user) tokens carry `scp`; app-only tokens (client credentials) do not. */
export function principalFromClaims(c: AccessTokenClaims): Principal {
  const roles = c.roles ?? [];
  if (typeof c.scp === "string") {
    return { kind: "user", id: c.oid, name: c.name ?? c.preferred_username ?? c.oid, tenantId: c.tid, roles };
  }
  return { kind: "application", id: c.oid, name: c.name ?? c.appid ?? c.azp ?? c.oid, tenantId: c.tid, roles };
}

/** 403 naming the app role the caller lacks; the server enforces roles whatever the UI shows. */
export function authorize(p: Principal, need: AccessLevel): void {
  if (allows(p.roles, need)) return;
  const has = accessLevel(p.roles);
  throw new AppError(
    "forbidden",
    `This needs the "${ROLE_DISPLAY_NAMES[need]}" app role (${APP_ROLES[need]}) of the Ops Portal API; ` +
      `${has ? `you have "${ROLE_DISPLAY_NAMES[has]}"` : "you have neither portal role"}. Ask an administrator to assign it.`,
  );
}
