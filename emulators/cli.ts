import { parseArgs } from "node:util";
import { stackLayout, VAULT_NAME } from "./shared/layout";
import { parseVaultRole, VAULT_ROLES, type VaultRole } from "./identity/roles";
import { listPrincipals, type Principal } from "./identity/state";
import { IdentityStore } from "./identity/store";

const USAGE = `Usage: npm run stack -- <command> [--data-dir .data]
  grant <principal> <role>    assign a vault role (takes effect at once, also on a running stack)
  revoke <principal> <role>   remove it
  list                        principals and their vault roles
<principal>: a name (automation, portal), a client id or an object id.
<role>: ${VAULT_ROLES.map((r) => `"${r}"`).join(", ")} (or secrets-user, secrets-officer, reader).`;

/** The vault's Azure resource id; the local stack has no subscription or resource group, so those stay placeholders. */
const VAULT_SCOPE = `/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.KeyVault/vaults/${VAULT_NAME}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "data-dir": { type: "string", default: ".data" }, help: { type: "boolean", short: "h", default: false } },
  });
  const [command, principalRef, roleName] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const store = await IdentityStore.open(stackLayout(values["data-dir"]).identityDir, { create: false });
  if (command === "list") {
    printList(store);
    return 0;
  }
  if (command !== "grant" && command !== "revoke") return usageError(`Unknown command "${command}".`);
  if (!principalRef || !roleName || positionals.length > 3) return usageError(`${command} needs <principal> <role>.`);
  const principal = store.findPrincipal(principalRef);
  if (!principal) return usageError(`No principal "${principalRef}". Known: ${names(store)}.`);
  const role = parseVaultRole(roleName);
  if (!role) return usageError(`Unknown role "${roleName}".`);

  const changed = command === "grant" ? await store.grant(principal.objectId, role) : await store.revoke(principal.objectId, role);
  const verb = command === "grant" ? "granted to" : "revoked from";
  console.log(changed ? `${role} ${verb} ${describe(principal)}.` :
    `Nothing to do: ${describe(principal)} ${command === "grant" ? "already has" : "does not have"} ${role}.`);
  console.log(`In Azure: ${azCommand(command === "grant" ? "create" : "delete", principal, role)}`);
  return 0;
}

function azCommand(action: "create" | "delete", p: Principal, role: VaultRole): string {
  // az resolves --assignee from an app/client id, a UPN or an object id.
  const assignee = p.kind === "user" ? p.userPrincipalName : p.clientId;
  return `az role assignment ${action} --assignee ${assignee} --role "${role}" --scope ${VAULT_SCOPE}`;
}

function printList(store: IdentityStore): void {
  const state = store.current();
  console.log(`tenant ${state.tenantId}, vault ${VAULT_NAME}`);
  for (const p of listPrincipals(state)) {
    const roles = state.roleAssignments.filter((a) => a.principalId === p.objectId).map((a) => a.role);
    console.log(`${describe(p)}\n    roles: ${roles.length ? roles.join(", ") : "(none)"}`);
  }
}

function describe(p: Principal): string {
  const kind = { servicePrincipal: "service principal", managedIdentity: "managed identity", user: "user" }[p.kind];
  const id = "clientId" in p ? `client id ${p.clientId}` : p.userPrincipalName;
  return `${p.name} (${kind}, ${id}, object id ${p.objectId})`;
}

function names(store: IdentityStore): string {
  return listPrincipals(store.current()).map((p) => p.name).join(", ");
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
