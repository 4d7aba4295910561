import { EntraError, entraErrors } from "./errors";
import { PORTAL_API_APP, PORTAL_API_SCOPE } from "./portal-api";
import { resolveResource, type Resource } from "./resources";
import type { IdentityState } from "./state";

/** OpenID Connect scopes: they shape the ID token and the refresh token, never an access token's audience. */
export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];
/** With no API scope, Entra issues a Microsoft Graph token (User.Read); the stand-in does the same, Graph unserved. */
const GRAPH = { audience: "00000003-0000-0000-c000-000000000000", scope: "https://graph.microsoft.com/User.Read", scp: "User.Read" };

/** What a delegated (user) token request asks for. */
export interface UserScopes {
  oidc: string[];
  /** The one API the access token is for, with the delegated scopes granted on it (`scp`) and how they were asked. */
  resource: Resource;
  scp: string[];
  /** The `scope` of the token response: the API scopes as asked (fully qualified) plus the OIDC scopes. */
  granted: string;
}

/**
 * Parses a space-separated delegated `scope` (authorize and token requests): OIDC scopes plus scopes of at most one
 * API, `<App ID URI or client id>/<scope name>` or `/.default` (= every scope the API exposes).
 */
export function parseUserScopes(scope: string | null, state: IdentityState): UserScopes {
  if (!scope || !scope.trim()) throw entraErrors.missingParameter("scope");
  const requested = [...new Set(scope.split(/\s+/).filter(Boolean))];
  const oidc = requested.filter((s) => OIDC_SCOPES.includes(s.toLowerCase())).map((s) => s.toLowerCase());
  const api = requested.filter((s) => !OIDC_SCOPES.includes(s.toLowerCase()));
  if (api.length === 0) {
    return { oidc, resource: { audience: GRAPH.audience }, scp: [GRAPH.scp], granted: [GRAPH.scope, ...oidc].join(" ") };
  }
  const split = api.map((s) => {
    const slash = s.lastIndexOf("/");
    if (slash <= 0 || slash === s.length - 1) throw invalidScope(s);
    return { resourceId: s.slice(0, slash), name: s.slice(slash + 1) };
  });
  const resourceIds = new Set(split.map((s) => s.resourceId.toLowerCase()));
  if (resourceIds.size > 1) {
    throw new EntraError(400, "invalid_request", 28000, `Provided value for the input parameter scope '${scope}' is not ` +
      "valid because it contains more than one resource. The scope must contain scopes of a single resource.");
  }
  const resource = resolveResource(split[0]!.resourceId, state);
  if (!resource?.apiClientId) throw entraErrors.unknownResource(split[0]!.resourceId, state.tenantId);
  const exposed = exposedScopes(state, resource.apiClientId);
  const scp = new Set<string>();
  for (const { name } of split) {
    if (name === ".default") exposed.forEach((s) => scp.add(s));
    else if (exposed.includes(name)) scp.add(name);
    else {
      throw new EntraError(400, "invalid_scope", 65005, `The application asked for scope '${name}' that doesn't exist ` +
        `on the resource '${resource.apiClientId}'.`);
    }
  }
  return { oidc, resource, scp: [...scp], granted: [...api, ...oidc.filter((s) => s !== "offline_access")].join(" ") };
}

/** Delegated scopes an API of the tenant exposes: only the portal's API exposes one. */
function exposedScopes(state: IdentityState, apiClientId: string): string[] {
  const app = state.servicePrincipals.find((p) => p.clientId === apiClientId);
  return app?.name === PORTAL_API_APP ? [PORTAL_API_SCOPE] : [];
}

function invalidScope(scope: string): EntraError {
  return new EntraError(400, "invalid_scope", 70011, `The provided value for the input parameter 'scope' is not valid. ` +
    `The scope ${scope} is not valid.`);
}
