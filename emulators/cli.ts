import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stackLayout } from "./shared/layout";
import { localCaName, readLocalCa } from "./shared/tls";
import { trustCa, untrustCa } from "./shared/trust-store";
import {
  createIdentityCommand, federateCommand, identitiesCommand, listCommand, roleCommand, unfederateCommand, UsageError,
} from "./identity/cli-commands";
import { parseVaultRole, VAULT_ROLES } from "./identity/roles";
import { listPrincipals, type ManagedIdentity } from "./identity/state";
import { IdentityStore } from "./identity/store";

const USAGE = `Usage: npm run stack -- <command> [--data-dir <dir>]   (default .data; env OPS_PORTAL_DATA_DIR)
  trust                       make your browsers trust the local stack's CA (sign-in without a certificate warning);
                              the CA can vouch for localhost, 127.0.0.1 and ::1 only
  untrust                     take it out of your browsers' trust again
  grant <principal> <role>    assign a vault role (takes effect at once, also on a running stack)
  revoke <principal> <role>   remove it
  list                        principals and their vault roles
  identities                  managed identities, their roles and federated credentials
  create-identity <name>      create a user-assigned managed identity
  federate <identity> --issuer <url> --subject system:serviceaccount:<ns>:<sa> [--audience <aud>]… [--name <name>]
                              let tokens of that issuer and subject act as the identity (workload identity);
                              audience defaults to api://AzureADTokenExchange
  unfederate <identity> <name> | --subject <subject>
                              remove a federated credential
<principal>: a name (automation, portal, a managed identity, a user), a client id or an object id.
<identity>: a managed identity's name, client id or object id.
<role>: ${VAULT_ROLES.map((r) => `"${r}"`).join(", ")} (or secrets-user, secrets-officer, reader).`;

const ARITY: Record<string, number> = {
  trust: 0, untrust: 0, grant: 2, revoke: 2, list: 0, identities: 0, "create-identity": 1, federate: 1, unfederate: 1,
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "data-dir": { type: "string" },
      issuer: { type: "string" },
      subject: { type: "string" },
      audience: { type: "string", multiple: true, default: [] },
      name: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const arity = ARITY[command];
  if (arity === undefined) throw new UsageError(`Unknown command "${command}".`);
  // unfederate takes the credential's name as a second argument unless --subject picks it.
  const maxArgs = command === "unfederate" ? 2 : arity;
  if (args.length < arity || args.length > maxArgs) throw new UsageError(`Wrong number of arguments for ${command}.`);
  const layout = stackLayout(dataDir(values["data-dir"]));
  if (command === "trust" || command === "untrust") {
    const lines = command === "trust" ? await trustCommand(layout.localStack) : await untrustCommand(layout.localStack);
    console.log(lines.join("\n"));
    return 0;
  }
  const store = await IdentityStore.open(layout.identityDir, { create: false });

  switch (command) {
    case "list":
      listCommand(store);
      return 0;
    case "identities":
      identitiesCommand(store);
      return 0;
    case "create-identity":
      await createIdentityCommand(store, args[0]!);
      return 0;
    case "grant":
    case "revoke": {
      const principal = store.findPrincipal(args[0]!);
      if (!principal) {
        throw new UsageError(`No principal "${args[0]}". Known: ${listPrincipals(store.current()).map((p) => p.name).join(", ")}.`);
      }
      const role = parseVaultRole(args[1]!);
      if (!role) throw new UsageError(`Unknown role "${args[1]}".`);
      await roleCommand(store, command, principal, role);
      return 0;
    }
    case "federate": {
      if (!values.issuer || !values.subject) throw new UsageError("federate needs --issuer and --subject.");
      await federateCommand(store, managedIdentity(store, args[0]!), {
        issuer: values.issuer, subject: values.subject, audiences: values.audience, name: values.name,
      });
      return 0;
    }
    default: {
      const name = args[1];
      if ((name === undefined) === (values.subject === undefined)) {
        throw new UsageError("unfederate needs the credential's name or --subject (one of them).");
      }
      await unfederateCommand(store, managedIdentity(store, args[0]!), { name, subject: values.subject });
      return 0;
    }
  }
}

/** Like npm start: a relative --data-dir is from the folder npm was run in (INIT_CWD), the default is the checkout's. */
function dataDir(given: string | undefined): string {
  const path = given ?? (process.env.OPS_PORTAL_DATA_DIR || undefined);
  if (path === undefined) return resolve(__dirname, "..", ".data");
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

async function trustCommand(localStack: string): Promise<string[]> {
  const ca = await readLocalCa(localStack);
  if (!ca) throw new UsageError(`No local CA in ${localStack} yet: run npm start once, then trust it.`);
  // Only a CA that cannot vouch for real sites goes into a browser; an older one is replaced at the next start.
  if (!ca.constrained) throw new UsageError(`The CA in ${localStack} predates name constraints: start the stack once (npm start) to replace it, then trust it.`);
  return trustCa({ ...ca, nickname: localCaName(localStack) });
}

async function untrustCommand(localStack: string): Promise<string[]> {
  const ca = await readLocalCa(localStack);
  return untrustCa({ ...ca, nickname: localCaName(localStack) });
}

function managedIdentity(store: IdentityStore, ref: string): ManagedIdentity {
  const p = store.findPrincipal(ref);
  if (p?.kind === "managedIdentity") return p;
  const known = store.current().managedIdentities.map((m) => m.name).join(", ") || "none";
  throw new UsageError(`No managed identity "${ref}" (known: ${known}). Create one with create-identity.`);
}

main().then((code) => process.exit(code), (err: unknown) => {
  if (err instanceof UsageError || String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
