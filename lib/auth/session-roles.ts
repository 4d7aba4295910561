import { decodeJwt } from "jose";
import { useSyncExternalStore } from "react";
import { allows, type AccessLevel } from "./roles";

/**
 * The signed-in person's app roles, as the last access token for the portal API states them (app roles of a
 * separate API registration are in its access tokens, not in the ID token). Only for showing or hiding
 * controls: the server checks the same token on every call and decides.
 */
let roles: readonly string[] | null = null;
const listeners = new Set<() => void>();

export function rememberRolesOf(accessToken: string): void {
  let next: readonly string[] = [];
  try {
    const claim = decodeJwt(accessToken).roles;
    next = Array.isArray(claim) ? claim.filter((r): r is string => typeof r === "string") : [];
  } catch {
    next = [];
  }
  if (roles && next.length === roles.length && next.every((r, i) => r === roles![i])) return;
  roles = next;
  for (const l of listeners) l();
}

export function forgetRoles(): void {
  roles = null;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The roles, or null before the first token. */
export function useSessionRoles(): readonly string[] | null {
  return useSyncExternalStore(subscribe, () => roles, () => null);
}

/** Whether the signed-in person may do what needs `level` (false until the roles are known). */
export function useCan(level: AccessLevel): boolean {
  const r = useSessionRoles();
  return r !== null && allows(r, level);
}
