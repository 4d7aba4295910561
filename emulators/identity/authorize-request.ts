import { EntraError, entraErrors } from "./errors";
import type { AuthorizationRequest } from "./sign-in-state";
import type { IdentityState, SpaApp } from "./state";
import { parseUserScopes } from "./user-scopes";

export type Prompt = "none" | "login" | "select_account" | "consent" | undefined;

/**
 * A refused authorization request. Until client and redirect URI are known good the user sees an error page
 * (`redirect` unset: never redirect to an unregistered URI); after that, errors go back to the app as OAuth
 * error parameters, as Entra does.
 */
export class AuthorizeError extends Error {
  constructor(readonly entra: EntraError, readonly redirect?: Pick<AuthorizationRequest, "redirectUri" | "responseMode" | "state">) {
    super(entra.message);
  }
}

export interface ParsedAuthorize { request: AuthorizationRequest; client: SpaApp; prompt: Prompt; clientInfo: boolean }

/** Validates `/authorize` parameters (query of the GET) for a single-page app, with Entra's error codes. */
export function parseAuthorizeRequest(q: URLSearchParams, state: IdentityState): ParsedAuthorize {
  const clientId = q.get("client_id");
  if (!clientId) throw new AuthorizeError(entraErrors.missingParameter("client_id"));
  const client = state.spaApps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!client) throw new AuthorizeError(entraErrors.unknownClient(clientId, state.tenantId));
  const redirectUri = q.get("redirect_uri");
  if (!redirectUri) throw new AuthorizeError(entraErrors.missingParameter("redirect_uri"));
  if (!client.redirectUris.includes(redirectUri)) {
    throw new AuthorizeError(new EntraError(400, "invalid_request", 50011, `The redirect URI '${redirectUri}' specified ` +
      `in the request does not match the redirect URIs configured for the application '${client.clientId}'.`));
  }
  const mode = q.get("response_mode") ?? "query";
  const appState = q.get("state") ?? undefined;
  const back = { redirectUri, responseMode: mode === "fragment" ? "fragment" as const : "query" as const, state: appState };
  const fail = (err: EntraError) => new AuthorizeError(err, back);
  if (mode !== "query" && mode !== "fragment") {
    throw fail(new EntraError(400, "invalid_request", 900127, `The response_mode '${mode}' is not supported: use query or fragment.`));
  }
  const responseType = q.get("response_type");
  if (!responseType) throw fail(entraErrors.missingParameter("response_type"));
  if (responseType !== "code") {
    throw fail(new EntraError(400, "unsupported_response_type", 700054,
      `response_type '${responseType}' is not enabled for the application: single-page apps use 'code' with PKCE.`));
  }
  const challenge = q.get("code_challenge");
  const method = q.get("code_challenge_method") ?? "plain";
  if (!challenge || method !== "S256") {
    throw fail(new EntraError(400, "invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin " +
      "authorization code redemption: send code_challenge with code_challenge_method=S256."));
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    throw fail(new EntraError(400, "invalid_request", 501491, "Invalid size of Code_Challenge parameter (a base64url SHA-256 is 43 characters)."));
  }
  const prompt = q.get("prompt") ?? undefined;
  if (prompt !== undefined && !["none", "login", "select_account", "consent"].includes(prompt)) {
    throw fail(new EntraError(400, "invalid_request", 90023, `Invalid prompt value '${prompt}'.`));
  }
  let scopes: string[];
  try {
    parseUserScopes(q.get("scope"), state);
    scopes = [...new Set((q.get("scope") ?? "").split(/\s+/).filter(Boolean))];
  } catch (err) {
    throw err instanceof EntraError ? fail(err) : err;
  }
  return {
    client, prompt: prompt as Prompt, clientInfo: q.get("client_info") === "1",
    request: {
      clientId: client.clientId, redirectUri, responseMode: back.responseMode, scopes, state: appState,
      nonce: q.get("nonce") ?? undefined, codeChallenge: challenge, loginHint: q.get("login_hint") ?? undefined,
    },
  };
}

/** The app's redirect URI with OAuth response parameters in its query or fragment. */
export function redirectWith(back: Pick<AuthorizationRequest, "redirectUri" | "responseMode" | "state">,
  params: Record<string, string>): string {
  const all = new URLSearchParams(params);
  if (back.state !== undefined) all.set("state", back.state);
  if (back.responseMode === "fragment") return `${back.redirectUri.split("#")[0]}#${all}`;
  const url = new URL(back.redirectUri);
  for (const [k, v] of all) url.searchParams.append(k, v);
  return url.href;
}
