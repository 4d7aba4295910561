import "server-only";
import { isNetworkErrorCode, isTimeoutErrorCode } from "@/server/adapters/network-error-codes";
import { AppError } from "@/server/errors";

/**
 * Azure SDK failures → AppError. Works on the shape of the SDK's errors (RestError: `statusCode`, `code`,
 * `details.error.innerError.code`, `response.headers`; identity: `name`), so it needs no SDK import and tests can
 * feed it real SDK errors. Messages are ours: the SDK's error also carries the failed request, whose body is the
 * secret value on a set, so nothing of it is copied except codes.
 */

export type KeyVaultOperation = "list" | "get" | "get-deleted" | "set" | "update" | "delete" | "recover";

/** The least role each operation needs on an RBAC vault (Key Vault Secrets User/Officer, Reader). */
const ROLE: Record<KeyVaultOperation, string> = {
  list: "Key Vault Reader (or Key Vault Secrets User)",
  get: "Key Vault Secrets User",
  "get-deleted": "Key Vault Reader (or Key Vault Secrets User)",
  set: "Key Vault Secrets Officer",
  update: "Key Vault Secrets Officer",
  delete: "Key Vault Secrets Officer",
  recover: "Key Vault Secrets Officer",
};

const IDENTITY_ERRORS = new Set(["CredentialUnavailableError", "AuthenticationError", "AggregateAuthenticationError",
  "AuthenticationRequiredError"]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  statusCode?: number;
  details?: { error?: { code?: string; innerError?: { code?: string } } };
  response?: { headers?: { get(name: string): string | undefined } };
}

export interface KeyVaultErrorContext {
  operation: KeyVaultOperation;
  vaultName: string;
  secretName?: string;
  /** The portal identity's client id, for the `az role assignment` command a missing role calls for. */
  principalClientId?: string;
}

export function mapKeyVaultError(err: unknown, ctx: KeyVaultErrorContext): AppError {
  if (err instanceof AppError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  // Operations set `details` (inner codes such as ForbiddenByRbac); paging errors carry only the outer code.
  const code = e.details?.error?.innerError?.code ?? e.details?.error?.code ?? e.code ?? null;
  const upstream = { service: "key-vault" as const, code };
  const secret = ctx.secretName ? `Secret '${ctx.secretName}'` : "The secret";
  const vault = `Key Vault '${ctx.vaultName}'`;

  if (e.name && IDENTITY_ERRORS.has(e.name)) {
    return new AppError("upstream", `The portal could not get a token for ${vault} (${e.name}). Check its identity configuration.`,
      { upstream: { service: "identity", code: e.name, status: 502 } });
  }
  if (e.name === "AbortError" || isTimeoutErrorCode(code)) {
    return new AppError("upstream", `${vault} did not answer in time.`, { upstream: { ...upstream, status: 504 } });
  }
  if (e.statusCode === undefined) {
    if (isNetworkErrorCode(code)) {
      return new AppError("upstream", `${vault} is unreachable (${code}).`, { upstream: { ...upstream, status: 503 } });
    }
    return new AppError("internal", `Unexpected failure talking to ${vault}.`);
  }
  switch (e.statusCode) {
    case 400:
      return new AppError("bad-request", `${vault} rejected the request (${code ?? "BadParameter"}).`, { upstream });
    case 401:
      // Our own token was refused: a portal configuration problem, not the operator's.
      return new AppError("upstream", `${vault} refused the portal's token (${code ?? "Unauthorized"}).`, { upstream });
    case 403:
      if (code === "SecretDisabled") {
        return new AppError("forbidden", `${secret} is disabled in ${vault}; enable it to read it.`, { upstream });
      }
      return new AppError("forbidden", `The portal's identity may not ${VERB[ctx.operation]} secrets in ${vault}: ` +
        `it needs the role ${ROLE[ctx.operation]} on the vault.${grantHint(code, ctx)}`, { upstream });
    case 404:
      return new AppError("not-found", `${secret} was not found in ${vault}.`, { upstream });
    case 409:
      return new AppError("conflict", conflictDetail(code, secret), { upstream });
    case 429:
      return new AppError("too-many-requests", `${vault} is throttling requests; retry shortly.`,
        { upstream, retryAfterSeconds: retryAfter(e) });
    case 503:
      return new AppError("upstream", `${vault} is unavailable (${code ?? "ServiceUnavailable"}).`,
        { upstream: { ...upstream, status: 503 }, retryAfterSeconds: retryAfter(e, null) ?? undefined });
    case 504:
      return new AppError("upstream", `${vault} timed out (${code ?? "GatewayTimeout"}).`, { upstream: { ...upstream, status: 504 } });
    default:
      if (e.statusCode >= 500) {
        return new AppError("upstream", `${vault} failed (${[e.statusCode, code].filter(Boolean).join(" ")}).`,
          { upstream: { ...upstream, status: 502 } });
      }
      return new AppError("upstream", `${vault} answered ${e.statusCode} (${code ?? "unknown"}).`, { upstream });
  }
}

/** How the operation reads in "may not … secrets". */
const VERB: Record<KeyVaultOperation, string> = {
  list: "list", get: "get", "get-deleted": "read deleted", set: "set", update: "update", delete: "delete", recover: "recover",
};

/**
 * On an RBAC vault, the command that grants what a write needs (the role named first in ROLE). Officer writes are
 * what the portal's own identity must be granted once by an administrator, so the message carries the command.
 */
function grantHint(code: string | null, ctx: KeyVaultErrorContext): string {
  if (code !== "ForbiddenByRbac") return "";
  const assignee = ctx.principalClientId ?? "<the portal's client id>";
  const command = `az role assignment create --assignee ${assignee} ` +
    `--role "Key Vault Secrets Officer" --scope $(az keyvault show -n ${ctx.vaultName} --query id -o tsv)`;
  if (ROLE[ctx.operation] === "Key Vault Secrets Officer") return ` An administrator grants it with: ${command}`;
  // A refused read means the identity has no secrets role at all; the portal's forms create secrets, which takes
  // Officer (it includes reading), so that is the one role worth granting.
  return ` The portal creates secrets from its forms, which needs Key Vault Secrets Officer (it includes reading). ` +
    `An administrator grants it with: ${command}`;
}

function conflictDetail(code: string | null, secret: string): string {
  if (code === "ObjectIsDeletedButRecoverable") {
    return `${secret} is deleted but recoverable: its name cannot be reused until it is recovered or purged.`;
  }
  if (code === "ObjectIsBeingDeleted") return `${secret} is still being deleted; retry in a few seconds.`;
  return `${secret} is in a conflicting state (${code ?? "Conflict"}).`;
}

function retryAfter(e: SdkErrorShape): number;
function retryAfter(e: SdkErrorShape, fallback: null): number | null;
function retryAfter(e: SdkErrorShape, fallback: number | null = 10): number | null {
  const raw = e.response?.headers?.get("retry-after");
  if (raw === undefined) return fallback;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? fallback : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
