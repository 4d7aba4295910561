import "server-only";
import type { z } from "zod";
import { isHttpsUrl, requiredText, text } from "./env-values";

/**
 * The sign-in and audit part of the portal's configuration. env.ts (the only reader of `process.env`) spreads
 * {@link authEnvShape} into its schema and calls {@link authConfigFrom}; variables: docs/architecture.md,
 * "Portal configuration".
 */

export const authEnvShape = {
  /** `https://login.microsoftonline.com/<tenant id>/v2.0` in Azure; `<authorityHost><tenant>/v2.0` locally. */
  AUTH_AUTHORITY: requiredText.refine(isHttpsUrl, "must be an https URL (…/<tenant id>/v2.0)")
    .refine((v) => !/\/(common|organizations|consumers)(\/|$)/i.test(new URL(v).pathname),
      "must name one tenant (not common/organizations/consumers)"),
  /** Accepted `aud` values, comma-separated: the API's app id URI (`api://…`) and/or its client id. */
  AUTH_API_AUDIENCE: requiredText.refine((v) => v.split(",").every((a) => a.trim() !== ""),
    "must be one or more audiences separated by commas"),
  /** The single-page app's client id (the app registration the browser signs in with). */
  AUTH_SPA_CLIENT_ID: requiredText.refine((v) => /^[0-9A-Za-z._-]{1,128}$/.test(v), "must be a client id (GUID)"),
  /** The scope the browser asks for; default `<first audience>/.default`. */
  AUTH_API_SCOPE: text.refine((v) => v === undefined || !/\s/.test(v), "must be one scope (no spaces)"),
  /** The audit log (append-only JSONL); default `.data/portal/audit.log`. */
  AUDIT_LOG_FILE: text,
};

type AuthEnv = z.output<z.ZodObject<typeof authEnvShape>>;

export interface AuthConfig {
  /** Without a trailing slash, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  authority: string;
  audiences: string[];
  spaClientId: string;
  apiScope: string;
}

export interface AuditConfig {
  file: string;
}

/** Entra's conventional name for an API's user scope (README, "Real mode": the API app registration). */
const DEFAULT_DELEGATED_SCOPE = "access_as_user";

const audiencesOf = (e: AuthEnv) => e.AUTH_API_AUDIENCE.split(",").map((a) => a.trim());

/**
 * Settings each well-formed but wrong together (env.ts reports them with the rest, at start). The
 * browser app's ID tokens carry its client id as `aud`: an API audience naming it would let them pass as access
 * tokens for the API.
 */
export function authConfigProblems(e: AuthEnv): string[] {
  const spa = e.AUTH_SPA_CLIENT_ID.toLowerCase();
  return audiencesOf(e).some((a) => a.toLowerCase() === spa)
    ? ["AUTH_API_AUDIENCE: must not include AUTH_SPA_CLIENT_ID (the browser app's ID tokens are issued for it): " +
      "use the API app registration's App ID URI and client id"]
    : [];
}

/**
 * The delegated scope a user's access token must carry in `scp`: the name in AUTH_API_SCOPE
 * (`api://<api>/access_as_user` → `access_as_user`). For the `.default` form, whose `scp` lists what was consented,
 * the conventional `access_as_user` the README's app registration exposes.
 */
export function delegatedScopeOf(apiScope: string): string {
  const name = apiScope.slice(apiScope.lastIndexOf("/") + 1);
  return name === "" || name === ".default" ? DEFAULT_DELEGATED_SCOPE : name;
}

export function authConfigFrom(e: AuthEnv): { auth: AuthConfig; audit: AuditConfig } {
  const audiences = audiencesOf(e);
  return {
    auth: {
      authority: e.AUTH_AUTHORITY.replace(/\/+$/, ""),
      audiences,
      spaClientId: e.AUTH_SPA_CLIENT_ID,
      apiScope: e.AUTH_API_SCOPE ?? `${audiences[0]!.replace(/\/+$/, "")}/.default`,
    },
    audit: { file: e.AUDIT_LOG_FILE ?? ".data/portal/audit.log" },
  };
}
