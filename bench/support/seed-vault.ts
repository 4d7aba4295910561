import type { VaultRest } from "../../e2e/support/vault-rest";

/**
 * Writes `count` secrets named `<prefix>-<nnnn>` straight to the vault's REST API, 16 at a time: a big vault in
 * seconds, without the portal. Run it before injecting latency.
 */
export async function seedVault(vault: VaultRest, prefix: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      await vault.setSecret(`${prefix}-${String(n).padStart(4, "0")}`, `bench-${n}`, { contentType: "text/plain" });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
