/** Azure built-in roles the vault's RBAC understands (data plane of Key Vault secrets). */
export const VAULT_ROLES = ["Key Vault Secrets User", "Key Vault Secrets Officer", "Key Vault Reader"] as const;
export type VaultRole = (typeof VAULT_ROLES)[number];

/** Accepts the Azure display name in any case, or a short form such as `secrets-user`, `officer`, `reader`. */
export function parseVaultRole(input: string): VaultRole | undefined {
  const key = input.toLowerCase().replace(/[^a-z]/g, "");
  return VAULT_ROLES.find((role) => {
    const full = role.toLowerCase().replace(/[^a-z]/g, "");
    return full === key || full === `keyvault${key}` || full === `keyvaultsecrets${key}`;
  });
}
