import { createHash, timingSafeEqual } from "node:crypto";
import { entraErrors } from "./errors";
import type { IdentityState } from "./state";

/** The caller of the token endpoint once its credential checked out; `oid` is what RBAC sees. */
export interface AuthenticatedClient {
  clientId: string;
  objectId: string;
  /** App roles per resource (token `roles` claim). */
  appRoles: Record<string, string[]>;
}

/**
 * Confidential-client authentication (client secret) as Entra does it. A `client_assertion` (workload identity)
 * is answered with Entra's "no matching federated identity record" until federation lands (later issue): the
 * tenant has no federated credentials yet, so that answer is the true one.
 */
export function authenticateClient(form: URLSearchParams, state: IdentityState): AuthenticatedClient {
  const clientId = form.get("client_id");
  if (!clientId) throw entraErrors.missingParameter("client_id");
  const sp = state.servicePrincipals.find((p) => p.clientId.toLowerCase() === clientId.toLowerCase());
  const mi = state.managedIdentities.find((p) => p.clientId.toLowerCase() === clientId.toLowerCase());
  if (!sp && !mi) throw entraErrors.unknownClient(clientId, state.tenantId);

  const secret = form.get("client_secret");
  if (form.has("client_assertion")) throw entraErrors.noFederatedMatch();
  if (!secret) throw entraErrors.missingCredential();
  // Managed identities have no secrets: any secret sent for one is wrong.
  if (!sp || !sp.secrets.some((s) => sameSecret(s, secret))) throw entraErrors.invalidSecret(clientId);
  return { clientId: sp.clientId, objectId: sp.objectId, appRoles: sp.appRoles };
}

/** Constant-time comparison of digests, so response time does not leak how much of a secret matched. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
