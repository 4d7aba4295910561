import "server-only";
import type { AuthBrowserConfig } from "@/lib/auth/browser-config";
import type { AuthConfig } from "@/server/config/auth-env";

/** Microsoft's sign-in hosts (public and sovereign clouds): MSAL talks to them in its `AAD` protocol mode. */
const ENTRA_HOSTS = new Set(["login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn"]);

/** The MSAL settings for the browser, derived from the server's sign-in configuration. */
export function authBrowserConfig(auth: AuthConfig): AuthBrowserConfig {
  const url = new URL(auth.authority);
  const entra = ENTRA_HOSTS.has(url.hostname.toLowerCase());
  return {
    clientId: auth.spaClientId,
    // MSAL's AAD mode appends `/v2.0/.well-known/…` itself; OIDC mode reads `<authority>/.well-known/…`.
    authority: entra ? auth.authority.replace(/\/v2\.0$/, "") : auth.authority,
    knownAuthorities: [url.host],
    protocolMode: entra ? "AAD" : "OIDC",
    apiScopes: [auth.apiScope],
  };
}

/** The authority's origin, for the Content-Security-Policy (`connect-src`, `frame-src`). */
export function authorityOrigin(auth: AuthConfig): string {
  return new URL(auth.authority).origin;
}
