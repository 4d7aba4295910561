import "server-only";
import { principalFromClaims, type Principal } from "@/server/auth/principal";
import { getConfig } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { accessTokenVerifier } from "@/server/wiring";

export { ANONYMOUS, authorize, type Principal } from "@/server/auth/principal";

/**
 * THE ONE PLACE where requests are authenticated: `route()` calls it before parsing or handling anything.
 * Verifies `Authorization: Bearer <access token>` for the portal API (server/auth/access-token-verifier.ts) and
 * returns who called; anything else is a 401.
 */
export async function authenticate(request: Request): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (!header) throw new AppError("unauthenticated", "Sign in to use the portal API: send an access token as Authorization: Bearer.");
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!m) throw new AppError("unauthenticated", "The Authorization header must be \"Bearer <access token>\".");
  return principalFromClaims(await accessTokenVerifier().verify(m[1]!));
}

/** The `WWW-Authenticate` challenge of a 401 (RFC 6750 §3: no error code when no token was sent). */
export function bearerChallenge(request: Request): string {
  let base = 'Bearer realm="ops-portal"';
  try {
    const { auth } = getConfig();
    base += `, authorization_uri="${auth.authority}", scope="${auth.apiScope}"`;
  } catch {
    // A bad configuration is reported by startup; the challenge still says "Bearer".
  }
  return request.headers.has("authorization") ? `${base}, error="invalid_token"` : base;
}
