import { TOKEN_EXCHANGE_AUDIENCE } from "./federation";
import type { VaultRole } from "./roles";
import { listPrincipals, type FederatedCredential, type ManagedIdentity, type Principal } from "./state";
import type { IdentityStore } from "./store";
import { defaultCredentialName } from "./workload-identity";
import { VAULT_NAME } from "../shared/layout";

/**
 * The identity commands of `npm run stack -- …` (emulators/cli.ts parses the arguments). Each change prints the
 * `az` command that does the same in Azure, so an operator learns what the real environment needs.
 * Returns the exit code: 0 done (or nothing to do), 2 the operator named something that does not exist.
 */

/** The vault's Azure resource id; the local stack has no subscription or resource group, so those stay placeholders. */
const VAULT_SCOPE = `/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.KeyVault/vaults/${VAULT_NAME}`;
const RESOURCE_GROUP = "<resource-group>";

export class UsageError extends Error {}

export async function roleCommand(store: IdentityStore, action: "grant" | "revoke", principal: Principal, role: VaultRole) {
  const changed = action === "grant" ? await store.grant(principal.objectId, role) : await store.revoke(principal.objectId, role);
  const verb = action === "grant" ? "granted to" : "revoked from";
  console.log(changed ? `${role} ${verb} ${describe(principal)}.` :
    `Nothing to do: ${describe(principal)} ${action === "grant" ? "already has" : "does not have"} ${role}.`);
  // az resolves --assignee from an app/client id or a UPN; a managed identity is named by its principal id.
  const assignee = principal.kind === "user" ? `--assignee ${principal.userPrincipalName}`
    : principal.kind === "managedIdentity" ? `--assignee-object-id ${principal.objectId} --assignee-principal-type ServicePrincipal`
      : `--assignee ${principal.clientId}`;
  console.log(`In Azure: az role assignment ${action === "grant" ? "create" : "delete"} ${assignee} --role "${role}" --scope ${VAULT_SCOPE}`);
}

export async function createIdentityCommand(store: IdentityStore, name: string) {
  const existed = store.current().managedIdentities.some((m) => m.name === name);
  const identity = await store.createManagedIdentity(name);
  console.log(`${existed ? "Exists" : "Created"}: ${describe({ kind: "managedIdentity", ...identity })}.`);
  console.log(`In Azure: az identity create --name ${name} --resource-group ${RESOURCE_GROUP}`);
}

export async function federateCommand(store: IdentityStore, identity: ManagedIdentity,
  o: { issuer: string; subject: string; audiences: string[]; name?: string }) {
  let issuer: URL;
  try {
    issuer = new URL(o.issuer);
  } catch {
    throw new UsageError(`--issuer must be a URL, not "${o.issuer}".`);
  }
  if (issuer.protocol !== "https:") throw new UsageError("--issuer must be an https URL (Entra only federates HTTPS issuers).");
  if (!o.subject.trim()) throw new UsageError("--subject must not be empty.");
  const audiences = o.audiences.length > 0 ? o.audiences : [TOKEN_EXCHANGE_AUDIENCE];
  const credential: FederatedCredential = {
    name: o.name ?? defaultCredentialName(o.issuer, o.subject), identityClientId: identity.clientId,
    issuer: o.issuer, subject: o.subject, audiences,
  };
  await store.federate(credential);
  console.log(`Federated credential "${credential.name}" on ${identity.name}: issuer ${o.issuer}, subject ${o.subject}, ` +
    `audiences ${audiences.join(", ")}.`);
  console.log(`In Azure: az identity federated-credential create --name ${credential.name} --identity-name ${identity.name} ` +
    `--resource-group ${RESOURCE_GROUP} --issuer ${o.issuer} --subject ${o.subject} --audiences ${audiences.join(" ")}`);
}

export async function unfederateCommand(store: IdentityStore, identity: ManagedIdentity, which: { name?: string; subject?: string }) {
  const removed = await store.unfederate(identity.clientId, which);
  if (removed.length === 0) {
    const what = which.name !== undefined ? `named "${which.name}"` : `for subject ${which.subject}`;
    console.log(`Nothing to do: ${identity.name} has no federated credential ${what}.`);
    return;
  }
  for (const c of removed) {
    console.log(`Removed federated credential "${c.name}" (subject ${c.subject}) from ${identity.name}.`);
    console.log(`In Azure: az identity federated-credential delete --name ${c.name} --identity-name ${identity.name} ` +
      `--resource-group ${RESOURCE_GROUP} --yes`);
  }
}

export function identitiesCommand(store: IdentityStore) {
  const state = store.current();
  if (state.managedIdentities.length === 0) console.log("No managed identities.");
  for (const mi of state.managedIdentities) {
    console.log(describe({ kind: "managedIdentity", ...mi }));
    const roles = state.roleAssignments.filter((a) => a.principalId === mi.objectId).map((a) => a.role);
    console.log(`    roles: ${roles.length ? roles.join(", ") : "(none)"}`);
    const credentials = state.federatedCredentials.filter((c) => c.identityClientId === mi.clientId);
    if (credentials.length === 0) console.log("    federated credentials: (none)");
    for (const c of credentials) {
      console.log(`    federated credential ${c.name}: issuer ${c.issuer}, subject ${c.subject}, audiences ${c.audiences.join(", ")}`);
    }
  }
}

export function listCommand(store: IdentityStore) {
  const state = store.current();
  console.log(`tenant ${state.tenantId}, vault ${VAULT_NAME}`);
  for (const p of listPrincipals(state)) {
    const roles = state.roleAssignments.filter((a) => a.principalId === p.objectId).map((a) => a.role);
    console.log(`${describe(p)}\n    roles: ${roles.length ? roles.join(", ") : "(none)"}`);
  }
}

export function describe(p: Principal): string {
  const kind = { servicePrincipal: "service principal", managedIdentity: "managed identity", user: "user" }[p.kind];
  const id = "clientId" in p ? `client id ${p.clientId}` : p.userPrincipalName;
  return `${p.name} (${kind}, ${id}, object id ${p.objectId})`;
}
