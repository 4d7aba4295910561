/**
 * What the browser needs to sign in, sent by the server at request time (root layout → AuthProvider), so one build
 * serves any environment. Holds no secret: a single-page app is a public client.
 */
export interface AuthBrowserConfig {
  clientId: string;
  /** Entra: `https://login.microsoftonline.com/<tenant>`; other OIDC authorities (the stand-in): `…/<tenant>/v2.0`. */
  authority: string;
  /** Hosts MSAL may trust without asking Microsoft's instance discovery. */
  knownAuthorities: string[];
  /** `AAD` for Entra ID, `OIDC` for any other OpenID provider (the local identity stand-in). */
  protocolMode: "AAD" | "OIDC";
  /** The portal API's scope(s) the access token is requested for. */
  apiScopes: string[];
}
