/** OpenID Provider metadata for one tenant. MSAL (JS and Python) refuse an authority whose document lacks any of
 * issuer, authorization_endpoint, token_endpoint, jwks_uri; MSAL browser also reads end_session_endpoint and
 * response_modes_supported. The rest mirrors Entra's v2.0 document, limited to what the stand-in serves. */
export function openIdConfiguration(authorityHost: string, tenantId: string) {
  const base = `${authorityHost}${tenantId}`;
  return {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    response_modes_supported: ["query", "fragment"],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
    code_challenge_methods_supported: ["S256"],
    prompt_values_supported: ["none", "login", "select_account", "consent"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "tid", "oid", "sid", "azp", "appid",
      "name", "preferred_username", "roles", "scp", "ver"],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: false,
    tenant_region_scope: null,
    cloud_instance_name: "microsoftonline.com",
  };
}
