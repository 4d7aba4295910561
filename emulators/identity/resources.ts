import { entraErrors } from "./errors";
import type { IdentityState } from "./state";

/** Resources (APIs) of Microsoft's own that the stand-in issues tokens for. */
const FIRST_PARTY_RESOURCES = ["https://vault.azure.net"];

/**
 * The resource of a client-credentials `scope` ("<resource>/.default"), which becomes the token's `aud`. Besides
 * Key Vault, the tenant's own apps are resources by `api://<clientId>` or their bare client id, as in Entra.
 */
export function resourceOfScope(scope: string | null, state: IdentityState): string {
  if (!scope) throw entraErrors.missingParameter("scope");
  const scopes = scope.split(/\s+/).filter(Boolean);
  const only = scopes.length === 1 ? scopes[0]! : undefined;
  if (!only || !only.endsWith("/.default")) throw entraErrors.scopeNotDefault(scope);
  const resource = only.slice(0, -"/.default".length);
  const appIds = state.servicePrincipals.map((p) => p.clientId.toLowerCase());
  const known = FIRST_PARTY_RESOURCES.includes(resource.toLowerCase()) ||
    appIds.includes(resource.toLowerCase()) ||
    (resource.toLowerCase().startsWith("api://") && appIds.includes(resource.slice("api://".length).toLowerCase()));
  if (!known) throw entraErrors.unknownResource(resource, state.tenantId);
  return resource;
}
