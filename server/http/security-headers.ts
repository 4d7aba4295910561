import "server-only";

/**
 * The portal's response security headers: pages (and the files of public/) get them from proxy.ts, API responses from
 * the route wrapper ({@link apiSecurityHeaders}), so an API call does not pay for the proxy. Scripts run only with
 * this request's nonce (Next.js reads it from the CSP request header and puts it on its own scripts); nothing may
 * frame the portal; the browser talks to the portal and the sign-in authority only.
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** e.g. `https://login.microsoftonline.com`: MSAL fetches discovery/tokens there and may use a hidden iframe. */
  authorityOrigin: string;
  /** The request arrived over HTTPS (directly or via a TLS-terminating proxy): send HSTS. */
  https: boolean;
  /** `next dev` needs eval for React's debugging aids; production never gets it. */
  dev: boolean;
}

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets and Next's inline <style> carry the nonce; React's `style` attributes (table column widths,
    // virtual rows) are attributes, not code, and cannot run script.
    // (`next dev` injects its hot-reloaded CSS as un-nonced <style> elements: Next's documented dev exception.)
    o.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${o.nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${o.authorityOrigin}`,
    `frame-src ${o.authorityOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    // The sign-in page posts to the authority, but that form is on the authority's page, under its own policy.
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(o),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(o.https && { "strict-transport-security": "max-age=31536000; includeSubDomains" }),
  };
}

/**
 * The headers of every API response (server/http/route.ts). JSON is never a document: it may load nothing, run
 * nothing and be framed by nothing, whatever a browser makes of it.
 */
export function apiSecurityHeaders(o: { https: boolean }): Record<string, string> {
  return {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    ...(o.https && { "strict-transport-security": "max-age=31536000; includeSubDomains" }),
  };
}

/** Whether the request came over HTTPS, directly or through a TLS-terminating proxy (`X-Forwarded-Proto`). */
export function cameOverHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}
