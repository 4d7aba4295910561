/**
 * Key Vault's error shape: `{"error":{"code","message","innererror"?:{"code"}}}`. Every refusal of the stand-in is a
 * VaultError, so the server has one place that writes error bodies and never leaks a stack trace.
 */
export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string; innererror?: { code: string } } } {
    return {
      error: { code: this.code, message: this.message, ...(this.innerCode ? { innererror: { code: this.innerCode } } : {}) },
    };
  }
}

export const badParameter = (message: string) => new VaultError(400, "BadParameter", message);

/** Azure's wording, including the hint about soft delete: clients and operators recognise it. */
export const secretNotFound = (nameOrId: string) =>
  new VaultError(404, "SecretNotFound",
    `A secret with (name/id) ${nameOrId} was not found in this key vault. If you recently deleted this secret you may ` +
    "be able to recover it using the correct recovery command. For help resolving this issue, please see " +
    "https://go.microsoft.com/fwlink/?linkid=2125182");

export const deletedSecretNotFound = (name: string) =>
  new VaultError(404, "SecretNotFound", `Deleted Secret not found: ${name}`);

export const deletedButRecoverable = (name: string) =>
  new VaultError(409, "Conflict",
    `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, ` +
    "the secret can only be recovered or purged.", "ObjectIsDeletedButRecoverable");

/** Codes Azure answers with for each status, used for injected faults and generic refusals. */
const CODE_BY_STATUS: Record<number, string> = {
  400: "BadParameter", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
  409: "Conflict", 413: "RequestEntityTooLarge", 429: "Throttled", 500: "InternalServerError", 502: "BadGateway",
  503: "ServiceUnavailable", 504: "GatewayTimeout",
};

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? `Http${status}`;
}
