/** Azure Key Vault does not warn before a secret expires; endpoints then fail to authenticate. Flag it early. */
export const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

export type ExpiryState =
  | { kind: "none" }
  | { kind: "expired"; at: Date }
  | { kind: "soon"; at: Date; days: number }
  | { kind: "ok"; at: Date };

export function expiryState(expiresOn: string | null, now: Date): ExpiryState {
  if (!expiresOn) return { kind: "none" };
  const at = new Date(expiresOn);
  const left = at.getTime() - now.getTime();
  if (left <= 0) return { kind: "expired", at };
  if (left <= EXPIRING_SOON_DAYS * DAY_MS) return { kind: "soon", at, days: Math.ceil(left / DAY_MS) };
  return { kind: "ok", at };
}

/** A secret is usable when enabled and inside [notBefore, expiresOn): the vault refuses its value otherwise. */
export function notYetValid(notBefore: string | null, now: Date): boolean {
  return notBefore !== null && new Date(notBefore).getTime() > now.getTime();
}
