import { createHash } from "node:crypto";
import { EntraError, entraErrors } from "./errors";
import { SPA_REFRESH_TOKEN_LIFETIME_SECONDS } from "./sign-in-state";
import type { SpaApp } from "./state";
import type { GrantHandler, TokenContext } from "./token-types";
import { parseUserScopes } from "./user-scopes";
import { userTokenResponse } from "./user-tokens";

/**
 * The delegated grants of browser sign-in, for single-page apps (public clients: no secret, PKCE S256 required):
 * `authorization_code` redeems a one-time code from the authorize endpoint, `refresh_token` renews silently and
 * rotates (the presented refresh token is spent; the new one keeps the original 24-hour expiry, as Entra's SPA
 * refresh tokens do).
 */
export const authorizationCodeGrant: GrantHandler = async (form, ctx) => {
  const client = spaClient(form, ctx);
  const code = required(form, "code");
  const redirectUri = required(form, "redirect_uri");
  const verifier = required(form, "code_verifier");
  const grant = ctx.signIn.redeemCode(code, (g) => {
    if (g.request.clientId !== client.clientId) throw invalidGrant("The authorization code was issued to another client.");
    if (g.request.redirectUri !== redirectUri) {
      throw new EntraError(400, "invalid_grant", 500112, `The reply address '${redirectUri}' does not match the reply ` +
        `address '${g.request.redirectUri}' provided when requesting the authorization code.`);
    }
    if (createHash("sha256").update(verifier).digest("base64url") !== g.request.codeChallenge) {
      throw new EntraError(400, "invalid_grant", 501481,
        "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    }
  });
  if (grant === "redeemed") {
    throw new EntraError(400, "invalid_grant", 54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
  }
  if (grant === "unknown") throw invalidGrant("The authorization code is invalid or has expired.");
  const scope = grant.request.scopes.join(" ");
  return issue(ctx, client, { userOid: grant.userOid, sessionId: grant.sessionId, authTime: grant.authTime, scope,
    nonce: grant.request.nonce, clientInfo: form.get("client_info") === "1" });
};

export const refreshTokenGrant: GrantHandler = async (form, ctx) => {
  const client = spaClient(form, ctx);
  const presented = required(form, "refresh_token");
  const grant = ctx.signIn.spendRefreshToken(presented);
  if (!grant) throw invalidGrant("The refresh token is invalid, was already used, has expired or its session signed out.");
  if (grant.clientId !== client.clientId) throw invalidGrant("The refresh token was issued to another client.");
  return issue(ctx, client, { ...grant, scope: form.get("scope") ?? grant.scope, clientInfo: form.get("client_info") === "1",
    refreshExpiresAt: grant.expiresAt });
};

async function issue(ctx: TokenContext, client: SpaApp, g: {
  userOid: string; sessionId: string; authTime: number; scope: string; nonce?: string; clientInfo: boolean; refreshExpiresAt?: number;
}) {
  const user = ctx.state.users.find((u) => u.objectId === g.userOid);
  if (!user) throw invalidGrant("The user no longer exists.");
  const scopes = parseUserScopes(g.scope, ctx.state);
  const response = await userTokenResponse(ctx.state, ctx.issuer, {
    user, clientId: client.clientId, scopes, sessionId: g.sessionId, authTime: g.authTime, nonce: g.nonce, clientInfo: g.clientInfo,
  });
  // offline_access is what a refresh token is for; MSAL always asks for it.
  if (scopes.oidc.includes("offline_access") || g.refreshExpiresAt !== undefined) {
    const expiresAt = g.refreshExpiresAt ?? Math.floor(Date.now() / 1000) + SPA_REFRESH_TOKEN_LIFETIME_SECONDS;
    response.refresh_token = ctx.signIn.issueRefreshToken({
      clientId: client.clientId, userOid: user.objectId, sessionId: g.sessionId, authTime: g.authTime, scope: g.scope,
    }, expiresAt);
    response.refresh_token_expires_in = Math.max(0, expiresAt - Math.floor(Date.now() / 1000));
  }
  return response;
}

function spaClient(form: URLSearchParams, ctx: TokenContext): SpaApp {
  const clientId = required(form, "client_id");
  const client = ctx.state.spaApps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (client) return client;
  if (ctx.state.servicePrincipals.some((p) => p.clientId.toLowerCase() === clientId.toLowerCase())) {
    throw new EntraError(400, "unauthorized_client", 700025, "The client is not a single-page app: the stand-in serves " +
      "the authorization code and refresh token grants to public (SPA) clients only.");
  }
  throw entraErrors.unknownClient(clientId, ctx.state.tenantId);
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw entraErrors.missingParameter(name);
  return value;
}

function invalidGrant(why: string): EntraError {
  return new EntraError(400, "invalid_grant", 70000, `Provided grant is invalid or malformed. ${why}`);
}
