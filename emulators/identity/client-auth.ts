import { createHash, timingSafeEqual } from "node:crypto";
import { entraErrors } from "./errors";
import { verifyFederatedAssertion } from "./federation";
import type { IssuerKeyCache } from "./issuer-keys";
import type { IdentityState } from "./state";

/** The caller of the token endpoint once its credential checked out; `oid` is what RBAC sees. */
export interface AuthenticatedClient {
  clientId: string;
  objectId: string;
  /** App roles per API client id (token `roles` claim). */
  appRoles: Record<string, string[]>;
}

/**
 * Confidential-client authentication as Entra does it: a client secret (service principals), or a federated
 * `client_assertion` (workload identity: managed identities and apps with a federated credential). An assertion
 * wins over a secret sent alongside it, as in Entra.
 */
export async function authenticateClient(form: URLSearchParams, state: IdentityState,
  issuerKeys: IssuerKeyCache): Promise<AuthenticatedClient> {
  const clientId = form.get("client_id");
  if (!clientId) throw entraErrors.missingParameter("client_id");
  const sp = state.servicePrincipals.find((p) => p.clientId.toLowerCase() === clientId.toLowerCase());
  const mi = state.managedIdentities.find((p) => p.clientId.toLowerCase() === clientId.toLowerCase());
  const principal = sp ?? mi;
  if (!principal) throw entraErrors.unknownClient(clientId, state.tenantId);

  if (form.has("client_assertion") || form.has("client_assertion_type")) {
    await verifyFederatedAssertion(form, principal.clientId, state, issuerKeys);
    return { clientId: principal.clientId, objectId: principal.objectId, appRoles: sp?.appRoles ?? {} };
  }
  const secret = form.get("client_secret");
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
