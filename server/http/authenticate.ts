import "server-only";

/** Who is calling. Services receive it so that later issues can authorise and audit per person. */
export type Principal =
  | { kind: "anonymous"; id: "local"; name: string }
  | { kind: "user"; id: string; name: string; roles: readonly string[] };

const LOCAL_USER: Principal = { kind: "anonymous", id: "local", name: "Local operator" };

/**
 * THE ONE PLACE where requests are authenticated: `route()` calls it before parsing or handling anything.
 * TODO(sign-in issue): verify the `Authorization: Bearer` token (issuer, audience = the portal API, expiry,
 * signature through the identity provider's JWKS) and return the user, or throw `AppError("unauthenticated", …)`.
 * Until then every caller is the anonymous local operator.
 */
export async function authenticate(_request: Request): Promise<Principal> {
  return LOCAL_USER;
}
