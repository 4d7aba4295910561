import { entraErrors } from "./errors";
import type { IdentityState } from "./state";

/** Resources (APIs) of Microsoft's own that the stand-in issues tokens for. */
const FIRST_PARTY_RESOURCES = ["https://vault.azure.net"];

/** An API a token can be issued for: `audience` becomes the token's `aud`; `apiClientId` keys app roles. */
export interface Resource {
  audience: string;
  /** Set for the tenant's own apps (their client id), whose app roles go into the token's `roles`. */
  apiClientId?: string;
}

/**
 * The API a resource identifier names, or undefined. Besides Key Vault, the tenant's own apps are resources by
 * `api://<clientId>` (their App ID URI) or their bare client id, as in Entra. `aud` is the identifier exactly as
 * requested (Entra's v1-token rule; the portal API is always requested by its App ID URI, so its `aud` is that).
 */
export function resolveResource(resource: string, state: IdentityState): Resource | undefined {
  const key = resource.toLowerCase();
  if (FIRST_PARTY_RESOURCES.includes(key)) return { audience: resource };
  const appId = key.startsWith("api://") ? key.slice("api://".length) : key;
  const app = state.servicePrincipals.find((p) => p.clientId.toLowerCase() === appId);
  return app ? { audience: resource, apiClientId: app.clientId } : undefined;
}

/** The resource of a client-credentials `scope` ("<resource>/.default"). */
export function resourceOfScope(scope: string | null, state: IdentityState): Resource {
  if (!scope) throw entraErrors.missingParameter("scope");
  const scopes = scope.split(/\s+/).filter(Boolean);
  const only = scopes.length === 1 ? scopes[0]! : undefined;
  if (!only || !only.endsWith("/.default")) throw entraErrors.scopeNotDefault(scope);
  const resource = only.slice(0, -"/.default".length);
  const found = resolveResource(resource, state);
  if (!found) throw entraErrors.unknownResource(resource, state.tenantId);
  return found;
}
