import type { IdentityState, ServicePrincipal, SpaApp } from "./state";

/**
 * The portal as Entra sees it: the `portal` app registration exposes an API (App ID URI `api://<its client id>`,
 * one delegated scope, two app roles), and the `portal-spa` registration is the browser client that signs users in
 * and asks for that scope. docs/architecture.md ("Identity stand-in") is the contract the portal codes against.
 */
export const PORTAL_API_APP = "portal";
export const PORTAL_SPA_APP = "portal-spa";
/** The delegated scope the SPA requests: `api://<portal app id>/access_as_user` (Entra's conventional name). */
export const PORTAL_API_SCOPE = "access_as_user";
export const PORTAL_APP_ROLES = { operator: "Secrets.Operator", reader: "Secrets.Reader" } as const;
export type PortalAppRole = (typeof PORTAL_APP_ROLES)[keyof typeof PORTAL_APP_ROLES];
/** Redirect URIs registered for the SPA under the portal's URL: the app itself and MSAL's popup/silent bridge page. */
export const SPA_REDIRECT_PATHS = ["/", "/redirect.html"] as const;

export function portalApi(state: IdentityState): ServicePrincipal {
  const api = state.servicePrincipals.find((p) => p.name === PORTAL_API_APP);
  if (!api) throw new Error(`identity state has no "${PORTAL_API_APP}" app registration`);
  return api;
}

export function portalSpa(state: IdentityState): SpaApp {
  const spa = state.spaApps.find((a) => a.name === PORTAL_SPA_APP);
  if (!spa) throw new Error(`identity state has no "${PORTAL_SPA_APP}" app registration`);
  return spa;
}

/** `api://<portal app id>`: the App ID URI, which is also the `aud` of the portal API's access tokens. */
export function portalApiAppIdUri(state: IdentityState): string {
  return `api://${portalApi(state).clientId}`;
}

/** The SPA's redirect URIs for a portal served at `portalUrl` (no trailing slash needed). */
export function spaRedirectUris(portalUrl: string): string[] {
  const base = portalUrl.replace(/\/+$/, "");
  return SPA_REDIRECT_PATHS.map((path) => `${base}${path}`);
}
