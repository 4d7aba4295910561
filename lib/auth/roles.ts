/**
 * The portal API's app roles (Entra app registration "App roles"; the identity stand-in issues the same values in
 * the access token's `roles` claim). Isomorphic: the server enforces them, the UI hides what a role cannot do.
 * Secrets operator implies Secrets reader: an operator never needs both assigned.
 */
export const APP_ROLES = {
  reader: "Secrets.Reader",
  operator: "Secrets.Operator",
} as const;

export type AccessLevel = keyof typeof APP_ROLES;

/** What people call the roles (the app registration's display names). */
export const ROLE_DISPLAY_NAMES: Record<AccessLevel, string> = {
  reader: "Secrets reader",
  operator: "Secrets operator",
};

/** The highest access the `roles` claim grants, or null when it holds neither portal role. */
export function accessLevel(roles: readonly string[]): AccessLevel | null {
  if (roles.includes(APP_ROLES.operator)) return "operator";
  if (roles.includes(APP_ROLES.reader)) return "reader";
  return null;
}

/** True when `roles` allow what needs `need` (operator implies reader). */
export function allows(roles: readonly string[], need: AccessLevel): boolean {
  const level = accessLevel(roles);
  return level === "operator" || (level === "reader" && need === "reader");
}
