import "server-only";

/**
 * The portal's response security headers (set by proxy.ts on every page and API response). Scripts run only with
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
