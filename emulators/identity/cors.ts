import type { IncomingMessage, ServerResponse } from "node:http";
import type { IdentityState } from "./state";

/**
 * CORS as Entra answers it: the token endpoint allows the origins of single-page apps' redirect URIs (so MSAL in the
 * browser can redeem codes and refresh tokens); discovery and JWKS are readable from any origin.
 * Returns true when it answered a preflight (OPTIONS with Origin and Access-Control-Request-Method).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, state: IdentityState, anyOrigin: boolean): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const allowed = anyOrigin || spaOrigins(state).has(origin);
  if (allowed) {
    res.setHeader("access-control-allow-origin", anyOrigin ? "*" : origin);
    res.setHeader("vary", "Origin");
  }
  if (req.method !== "OPTIONS" || !req.headers["access-control-request-method"]) return false;
  req.resume();
  if (allowed) {
    const requested = String(req.headers["access-control-request-headers"] ?? "").slice(0, 1024);
    res.setHeader("access-control-allow-methods", anyOrigin ? "GET, OPTIONS" : "POST, OPTIONS");
    if (requested) res.setHeader("access-control-allow-headers", requested);
    res.setHeader("access-control-max-age", "86400");
  }
  res.writeHead(204).end();
  return true;
}

function spaOrigins(state: IdentityState): Set<string> {
  const origins = new Set<string>();
  for (const app of state.spaApps) {
    for (const uri of app.redirectUris) {
      try {
        origins.add(new URL(uri).origin);
      } catch {
        // Only valid URLs are registered; a hand-edited bad one allows nothing.
      }
    }
  }
  return origins;
}
