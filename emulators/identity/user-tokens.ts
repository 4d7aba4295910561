import { createHash } from "node:crypto";
import { signJwt } from "./signing";
import type { IdentityState, User } from "./state";
import type { TokenResponse } from "./token-types";
import type { UserScopes } from "./user-scopes";

const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
const ID_TOKEN_LIFETIME_SECONDS = 3600;

export interface UserGrant {
  user: User;
  clientId: string;                          // the SPA: `aud` of the ID token, `azp` of the access token
  scopes: UserScopes;
  sessionId: string;                         // `sid`
  authTime: number;
  nonce?: string;
  clientInfo: boolean;                       // MSAL's client_info=1: it builds the account id (oid.tid) from it
}

/**
 * The token response of a delegated grant (authorization code or refresh token), shaped like Entra's v2.0 answer:
 * an access token for the one API asked for (with `scp`, and `roles` = the user's app roles on that API), an ID
 * token when `openid` was asked, `client_info` when MSAL asks for it. The refresh token is added by the caller.
 */
export async function userTokenResponse(state: IdentityState, issuer: string, g: UserGrant): Promise<TokenResponse> {
  const { user, scopes } = g;
  const profile = { name: user.displayName, preferred_username: user.userPrincipalName, oid: user.objectId, sid: g.sessionId };
  const roles = scopes.resource.apiClientId ? user.appRoles[scopes.resource.apiClientId] ?? [] : [];
  const accessClaims: Record<string, unknown> = {
    ...profile, azp: g.clientId, azpacr: "0", scp: scopes.scp.join(" "), auth_time: g.authTime,
  };
  if (roles.length > 0) accessClaims.roles = roles;
  const accessToken = await signJwt(state, issuer, accessClaims, {
    audience: scopes.resource.audience, subject: pairwiseSubject(user.objectId, scopes.resource.apiClientId ?? scopes.resource.audience),
    lifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
  });
  const response: TokenResponse = {
    token_type: "Bearer", scope: scopes.granted, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS - 1,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS - 1, access_token: accessToken,
  };
  if (scopes.oidc.includes("openid")) {
    const idClaims: Record<string, unknown> = { ...profile, auth_time: g.authTime };
    if (g.nonce !== undefined) idClaims.nonce = g.nonce;
    response.id_token = await signJwt(state, issuer, idClaims, {
      audience: g.clientId, subject: pairwiseSubject(user.objectId, g.clientId), lifetimeSeconds: ID_TOKEN_LIFETIME_SECONDS,
    });
  }
  if (g.clientInfo) {
    response.client_info = Buffer.from(JSON.stringify({ uid: user.objectId, utid: state.tenantId })).toString("base64url");
  }
  return response;
}

/** Entra's `sub` is pairwise: stable for one user and one app, different across apps (`oid` is the same everywhere). */
function pairwiseSubject(userOid: string, appId: string): string {
  return createHash("sha256").update(`${userOid}:${appId}`).digest("base64url").slice(0, 43);
}
