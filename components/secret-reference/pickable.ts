import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { expiryState, notYetValid } from "@/components/key-vault-secrets/expiry";

/**
 * Why an existing secret cannot be referenced, or null when it can. Key Vault refuses to hand out the value of a
 * disabled, expired or not-yet-active secret, so a reference to it would only make the synced secret fail.
 */
export type Unpickable =
  | { reason: "disabled" }
  | { reason: "expired"; at: string }
  | { reason: "not-yet-active"; at: string };

export function unpickable(secret: KeyVaultSecretSummary, now: Date): Unpickable | null {
  if (!secret.enabled) return { reason: "disabled" };
  if (secret.expiresOn && expiryState(secret.expiresOn, now).kind === "expired") return { reason: "expired", at: secret.expiresOn };
  if (secret.notBefore && notYetValid(secret.notBefore, now)) return { reason: "not-yet-active", at: secret.notBefore };
  return null;
}
