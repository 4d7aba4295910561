import { randomUUID } from "node:crypto";
import { DEMO_USERS, newUser } from "./demo-users";
import { PORTAL_APP_ROLES, PORTAL_SPA_APP, portalApi } from "./portal-api";
import type { IdentityState } from "./state";

/**
 * Brings a state file written by an earlier version up to date, in place, and returns true when it changed
 * anything (the caller then persists it). Only adds what is missing: ids, secrets and grants already handed out
 * never change. The demo users (and the automation client's portal role) are seeded once, when there are no users.
 */
export function upgradeState(state: IdentityState): boolean {
  let changed = false;
  const api = portalApi(state);
  state.spaApps ??= [];
  if (!state.spaApps.some((a) => a.name === PORTAL_SPA_APP)) {
    state.spaApps.push({ name: PORTAL_SPA_APP, displayName: "Ops Portal (browser)", clientId: randomUUID(), redirectUris: [] });
    changed = true;
  }
  for (const mi of state.managedIdentities) {
    if (!mi.tenantId) {
      mi.tenantId = state.tenantId;
      changed = true;
    }
  }
  if (state.users.length === 0) {
    for (const demo of DEMO_USERS) {
      const user = newUser(demo.name, demo.displayName, demo.password);
      if (demo.role) user.appRoles[api.clientId] = [demo.role];
      state.users.push(user);
    }
    // Scripts use the API as the automation client (issue 7): it holds the operator role for portalApiScope.
    const automation = state.servicePrincipals.find((p) => p.name === "automation");
    if (automation && !automation.appRoles[api.clientId]) automation.appRoles[api.clientId] = [PORTAL_APP_ROLES.operator];
    changed = true;
  }
  return changed;
}
