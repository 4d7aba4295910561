import { createHash } from "node:crypto";
import { TOKEN_EXCHANGE_AUDIENCE } from "./federation";
import type { VaultRole } from "./roles";
import type { FederatedCredential, ManagedIdentity } from "./state";
import type { IdentityStore } from "./store";

export interface WorkloadIdentitySpec {
  /** The user-assigned managed identity's name (created when missing, like `az identity create`). */
  identity: string;
  issuer: string;                            // the cluster's service-account issuer URL, exactly as in its tokens
  subject: string;                           // system:serviceaccount:<namespace>:<service account>
  audiences?: string[];                      // default [api://AzureADTokenExchange]
  credentialName?: string;                   // default: defaultCredentialName(issuer, subject)
  roles?: VaultRole[];                       // vault roles to assign (kept if already assigned)
}

/**
 * Makes a managed identity usable by a Kubernetes service account (workload identity), idempotently: the identity,
 * its federated credential for the subject and its vault role assignments. Seeding calls this at every start, as
 * the cluster's issuer URL follows its port: a credential of this identity for the same subject is replaced, so a
 * stale issuer does not linger.
 */
export async function ensureWorkloadIdentity(store: IdentityStore, spec: WorkloadIdentitySpec): Promise<{
  identity: ManagedIdentity; credential: FederatedCredential;
}> {
  const identity = await store.createManagedIdentity(spec.identity);
  const credential: FederatedCredential = {
    name: spec.credentialName ?? defaultCredentialName(spec.issuer, spec.subject),
    identityClientId: identity.clientId,
    issuer: spec.issuer,
    subject: spec.subject,
    audiences: spec.audiences ?? [TOKEN_EXCHANGE_AUDIENCE],
  };
  const existing = store.current().federatedCredentials.filter((c) =>
    c.identityClientId === identity.clientId && (c.subject === spec.subject || c.name === credential.name));
  if (!(existing.length === 1 && JSON.stringify(existing[0]) === JSON.stringify(credential))) {
    await store.unfederate(identity.clientId, { subject: spec.subject });
    await store.federate(credential);
  }
  for (const role of spec.roles ?? []) await store.grant(identity.objectId, role);
  return { identity, credential };
}

/** First 7 hex of sha256("<issuer>-<subject>"), in the spirit of `az iot ops secretsync enable`'s names. */
export function defaultCredentialName(issuer: string, subject: string): string {
  return createHash("sha256").update(`${issuer}-${subject}`).digest("hex").slice(0, 7);
}
