import "server-only";

/**
 * Error codes of a call that got no answer because the connection failed (DNS, TCP, TLS) — the service is
 * unreachable (503) — as Node, undici (fetch) and the Azure SDK report them. The adapters' error mappings share
 * them, so Key Vault and the cluster call the same failure the same thing.
 */
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE",
  // undici (fetch, client-node) and the Azure SDK's own
  "UND_ERR_SOCKET", "UND_ERR_CLOSED", "REQUEST_SEND_ERROR",
  // TLS: the server's certificate was not accepted
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Codes of a call whose connection or answer took too long (504). */
const TIMEOUT_ERROR_CODES: ReadonlySet<string> = new Set([
  "ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);

export function isNetworkErrorCode(code: string | null | undefined): code is string {
  return code != null && NETWORK_ERROR_CODES.has(code);
}

export function isTimeoutErrorCode(code: string | null | undefined): code is string {
  return code != null && TIMEOUT_ERROR_CODES.has(code);
}
