import "server-only";
import { z } from "zod";

/**
 * The sign-in part of the portal's configuration. server/config/env.ts (the only reader of `process.env`) spreads
 * {@link authEnvShape} into its schema and calls {@link authConfigFrom}; variables: docs/architecture.md,
 * "Portal configuration".
 */

const blankIsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v?.toString().trim());
const text = z.preprocess(blankIsMissing, z.string().optional());
const required = (message = "is required") => z.preprocess(blankIsMissing, z.string({ error: message }));

function isHttpsUrl(v: string): boolean {
  try {
    return new URL(v).protocol === "https:";
  } catch {
    return false;
  }
}

export const authEnvShape = {
  /** `https://login.microsoftonline.com/<tenant id>/v2.0` in Azure; `<authorityHost><tenant>/v2.0` locally. */
  AUTH_AUTHORITY: required().refine(isHttpsUrl, "must be an https URL (…/<tenant id>/v2.0)")
    .refine((v) => !/\/(common|organizations|consumers)(\/|$)/i.test(new URL(v).pathname),
      "must name one tenant (not common/organizations/consumers)"),
  /** Accepted `aud` values, comma-separated: the API's app id URI (`api://…`) and/or its client id. */
  AUTH_API_AUDIENCE: required().refine((v) => v.split(",").every((a) => a.trim() !== ""),
    "must be one or more audiences separated by commas"),
  /** The single-page app's client id (the app registration the browser signs in with). */
  AUTH_SPA_CLIENT_ID: required().refine((v) => /^[0-9A-Za-z._-]{1,128}$/.test(v), "must be a client id (GUID)"),
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

export function authConfigFrom(e: AuthEnv): { auth: AuthConfig; audit: AuditConfig } {
  const audiences = e.AUTH_API_AUDIENCE.split(",").map((a) => a.trim());
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
