import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { PORTAL_APP_ROLES, type PortalAppRole } from "./portal-api";
import type { User } from "./state";

/** The domain of the demo tenant's user principal names (`.example` is reserved: it can never be a real tenant). */
export const USER_DOMAIN = "opsportal.example";

/**
 * Local demo accounts for browser sign-in (README lists them). Their passwords are deliberately simple and public:
 * the stand-in only listens on loopback and guards a demo vault.
 */
export const DEMO_USERS: readonly { name: string; displayName: string; password: string; role?: PortalAppRole }[] = [
  { name: "olivia.operator", displayName: "Olivia Operator", password: "operator-demo", role: PORTAL_APP_ROLES.operator },
  { name: "rudy.reader", displayName: "Rudy Reader", password: "reader-demo", role: PORTAL_APP_ROLES.reader },
  { name: "nora.norole", displayName: "Nora Norole", password: "norole-demo" },
];

export function newUser(name: string, displayName: string, password: string): User {
  return {
    name, displayName, objectId: randomUUID(), userPrincipalName: `${name}@${USER_DOMAIN}`,
    password: hashPassword(password), appRoles: {},
  };
}

function hashPassword(password: string): User["password"] {
  const salt = randomBytes(16).toString("base64url");
  return { salt, hash: scryptSync(password, salt, 32).toString("base64url") };
}

/** Constant-time password check (scrypt of the attempt against the stored hash). */
export function passwordMatches(user: User, attempt: string): boolean {
  const expected = Buffer.from(user.password.hash, "base64url");
  const actual = scryptSync(attempt, user.password.salt, expected.length);
  return timingSafeEqual(expected, actual);
}

/** Finds a user by sign-in name or UPN, case-insensitively (Entra's UPNs are case-insensitive). */
export function findUserBySignInName(users: readonly User[], signInName: string): User | undefined {
  const key = signInName.trim().toLowerCase();
  return users.find((u) => u.name.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}
