import { randomBytes, randomUUID } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import type { VaultRole } from "./roles";

/**
 * What the identity stand-in persists in `<data>/identity/state.json`: a miniature Entra tenant plus the vault's
 * Azure RBAC. Secrets are kept in clear because the local stack hands them out (endpoints.json, portal env).
 */
export interface IdentityState {
  version: 1;                                // additions are filled in on load (state-upgrade.ts), never renamed
  tenantId: string;
  signingKey: { kid: string; privateJwk: JWK };
  servicePrincipals: ServicePrincipal[];
  managedIdentities: ManagedIdentity[];
  users: User[];
  roleAssignments: RoleAssignment[];
  federatedCredentials: FederatedCredential[];
  /** Single-page-app registrations (public clients signing users in with authorization code + PKCE). */
  spaApps: SpaApp[];
}

/** An app registration and its service principal in one record (Entra keeps two objects; tokens need both ids). */
export interface ServicePrincipal {
  name: string;                              // local handle used by the CLI: "automation", "portal"
  displayName: string;
  clientId: string;                          // appId: `appid`/`azp` claims
  objectId: string;                          // service principal object id: `oid`/`sub` claims, RBAC principal
  secrets: string[];
  /** App roles granted to this client on an API of the tenant, keyed by that API's client id (see portal-api.ts). */
  appRoles: Record<string, string[]>;
}

/** A user-assigned managed identity (`az identity create`): no secret; it signs in through federated credentials. */
export interface ManagedIdentity {
  name: string;
  clientId: string;
  objectId: string;                          // principalId
  tenantId: string;
}

/** A local demo account for browser sign-in. The password is kept as a salted scrypt hash. */
export interface User {
  name: string;                              // sign-in name without the domain ("olivia.operator")
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  password: { salt: string; hash: string };
  /** App roles assigned to the user on an API of the tenant, keyed by that API's client id. */
  appRoles: Record<string, string[]>;
}

/** A single-page app: a public client (no secret) whose redirect URIs are of the SPA platform (CORS at the token endpoint). */
export interface SpaApp {
  name: string;
  displayName: string;
  clientId: string;
  redirectUris: string[];                    // exact match; also the allowed post_logout_redirect_uri values
}

/** A role assignment at the vault's scope (the stack has a single vault). */
export interface RoleAssignment {
  id: string;
  principalId: string;                       // object id of a service principal, managed identity or user
  role: VaultRole;
  createdOn: string;
}

/** Workload identity: tokens of `issuer` for `subject` and one of `audiences` may act as `identityClientId`. */
export interface FederatedCredential {
  name: string;
  identityClientId: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export type Principal =
  | ({ kind: "servicePrincipal" } & ServicePrincipal)
  | ({ kind: "managedIdentity" } & ManagedIdentity)
  | ({ kind: "user" } & User);

/** A fresh tenant: new ids, a new RS256 key, the seeded principals and their Officer grants (demo users and the
 * portal's SPA registration are added by `upgradeState`, which also brings older state files up to date). */
export async function createInitialState(): Promise<IdentityState> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  const automation = newServicePrincipal("automation", "Ops Portal automation");
  const portal = newServicePrincipal("portal", "Ops Portal (server identity)");
  return {
    version: 1,
    tenantId: randomUUID(),
    signingKey: { kid, privateJwk: { ...privateJwk, kid } },
    servicePrincipals: [automation, portal],
    managedIdentities: [],
    users: [],
    roleAssignments: [automation, portal].map((sp) => newRoleAssignment(sp.objectId, "Key Vault Secrets Officer")),
    federatedCredentials: [],
    spaApps: [],
  };
}

export function newRoleAssignment(principalId: string, role: VaultRole): RoleAssignment {
  return { id: randomUUID(), principalId, role, createdOn: new Date().toISOString() };
}

export function newServicePrincipal(name: string, displayName: string): ServicePrincipal {
  return {
    name, displayName, clientId: randomUUID(), objectId: randomUUID(),
    // Entra client secrets are 40 characters of URL-safe text; the exact alphabet does not matter to clients.
    secrets: [randomBytes(30).toString("base64url")],
    appRoles: {},
  };
}

/** Every principal that can hold a role, with its kind; looked up by name, client id or object id. */
export function listPrincipals(state: IdentityState): Principal[] {
  return [
    ...state.servicePrincipals.map((p) => ({ kind: "servicePrincipal" as const, ...p })),
    ...state.managedIdentities.map((p) => ({ kind: "managedIdentity" as const, ...p })),
    ...state.users.map((p) => ({ kind: "user" as const, ...p })),
  ];
}

export function findPrincipal(state: IdentityState, ref: string): Principal | undefined {
  const key = ref.toLowerCase();
  return listPrincipals(state).find((p) =>
    p.name.toLowerCase() === key || p.objectId.toLowerCase() === key ||
    ("clientId" in p && p.clientId.toLowerCase() === key));
}
