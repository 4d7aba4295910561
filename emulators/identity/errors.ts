import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

/**
 * An OAuth error the way Microsoft Entra ID words it: MSAL and the Azure SDKs surface `error` and the AADSTS code of
 * `error_description` to the caller (e.g. "AADSTS7000215: Invalid client secret provided."), so tests and operators
 * can search for the real message.
 */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

export const entraErrors = {
  missingParameter: (name: string) => new EntraError(400, "invalid_request", 900144,
    `The request body must contain the following parameter: '${name}'.`),
  unknownTenant: (tenant: string) => new EntraError(400, "invalid_tenant", 90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  unsupportedGrantType: (grant: string) => new EntraError(400, "unsupported_grant_type", 70003,
    `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) => new EntraError(400, "unauthorized_client", 700016,
    `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the ` +
    "application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
  missingCredential: () => new EntraError(401, "invalid_client", 7000216,
    "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."),
  invalidSecret: (clientId: string) => new EntraError(401, "invalid_client", 7000215,
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not " +
    `the client secret ID, for a secret added to app '${clientId}'.`),
  // Workload identity (client_assertion). Entra names the claim that failed to match: 700211 issuer, 700212
  // audience, 700213 subject (older tenants answered a single 70021 for all three).
  federatedIssuerMismatch: (issuer: string) => federationMismatch(700211, "issuer", issuer),
  federatedAudienceMismatch: (audience: string) => federationMismatch(700212, "audience", audience),
  federatedSubjectMismatch: (subject: string) => federationMismatch(700213, "subject", subject),
  unsupportedAssertionType: (type: string) => new EntraError(400, "invalid_request", 700025,
    `Client assertion type '${type}' is not supported; use 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.`),
  malformedAssertion: () => new EntraError(400, "invalid_request", 50027,
    "JWT token is invalid or malformed."),
  assertionOutsideValidity: (now: Date, nbf: Date | undefined, exp: Date | undefined) => new EntraError(401, "invalid_client",
    700024, `Client assertion is not within its valid time range. Current time: ${now.toISOString()}, assertion valid ` +
    `from ${nbf?.toISOString() ?? "(not set)"}, expiry time of assertion ${exp?.toISOString() ?? "(not set)"}.`),
  assertionBadSignature: (reason: string) => new EntraError(401, "invalid_client", 700027,
    `Client assertion contains an invalid signature. [Reason - ${reason}]`),
  issuerMetadataUnavailable: (issuer: string) => new EntraError(400, "invalid_request", 90061,
    `Request to External OIDC endpoint failed. Issuer: '${issuer}'.`),
  scopeNotDefault: (scope: string) => new EntraError(400, "invalid_scope", 1002012,
    `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with ` +
    "/.default suffixed to the resource identifier (application ID URI)."),
  unknownResource: (resource: string, tenant: string) => new EntraError(400, "invalid_resource", 500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the ` +
    "application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
  bodyTooLarge: () => new EntraError(413, "invalid_request", 90020, "The request body is too large."),
  methodNotAllowed: (method: string) => new EntraError(405, "invalid_request", 900561,
    `The endpoint only accepts POST requests. Received a ${method} request.`),
};

function federationMismatch(code: number, claim: string, value: string): EntraError {
  return new EntraError(401, "invalid_client", code,
    `No matching federated identity record found for presented assertion ${claim} '${value}'. Please check your ` +
    "federated identity credential Subject, Audience and Issuer against the presented assertion. " +
    "https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
}

export function sendEntraError(res: ServerResponse, err: EntraError, correlationId?: string, retryAfterSeconds?: number): void {
  const traceId = randomUUID();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  const body = {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlation} ` +
      `Timestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
  };
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (err.status === 405) headers.allow = "POST";
  if (err.status === 413) headers.connection = "close";
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  res.writeHead(err.status, headers).end(JSON.stringify(body));
}
