import "server-only";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { SAVE_ID_VAULT_TAG } from "@/lib/schemas/portal-annotations";
import { AppError } from "@/server/errors";
import type { EndpointSaveVault } from "./deps";
import type { VaultWrite } from "./model";
import { orNull } from "./read-state";

const ATTEMPTS = 3;

/**
 * Step 1 (vault part): creates each new secret, tagged with the save's idempotency key, never twice. Key Vault
 * has no conditional create and makes a new version on every set, so the SDK's own retry is off: after a failure
 * that may have landed (network error, 5xx, throttling), the secret is read back, and written again only when it
 * does not carry this save's tag. A secret of that name someone else made meanwhile is refused, not overwritten.
 */
export async function writeVaultSecrets(vault: EndpointSaveVault, writes: readonly VaultWrite[], idempotencyKey: string,
  onWritten?: (secret: KeyVaultSecretSummary) => void): Promise<void> {
  await settleAll(writes.map(async (w) => {
    const written = await writeOnce(vault, w, idempotencyKey);
    onWritten?.(written);
  }));
}

async function writeOnce(vault: EndpointSaveVault, w: VaultWrite, idempotencyKey: string): Promise<KeyVaultSecretSummary> {
  const r = w.reference;
  for (let attempt = 1; ; attempt++) {
    try {
      return await vault.setSecretOnce({
        name: w.name, value: r.value, contentType: r.contentType, tags: { [SAVE_ID_VAULT_TAG]: idempotencyKey },
        ...(r.notBefore && { notBefore: new Date(r.notBefore) }), ...(r.expiresOn && { expiresOn: new Date(r.expiresOn) }),
      });
    } catch (err) {
      if (!mayHaveLanded(err)) throw err;
      const back = await orNull(vault.getSecretProperties(w.name));
      if (back?.tags[SAVE_ID_VAULT_TAG] === idempotencyKey || (back && w.shared)) return back;
      if (back) {
        throw new AppError("conflict", `Key Vault secret '${w.name}' was created by someone else while this save ran; ` +
          "pick it with Add from Azure Key Vault, or choose another name.", { errors: { [w.path]: [`'${w.name}' was just created by someone else`] } });
      }
      if (attempt >= ATTEMPTS) throw err;
    }
  }
}

/** A failure after which the write may or may not be in the vault (or was refused for now, not for good). */
function mayHaveLanded(err: unknown): boolean {
  if (!(err instanceof AppError) || err.upstream?.service !== "key-vault") return false;
  if (err.kind === "too-many-requests") return true;
  return err.kind === "upstream" && err.upstream.code !== "Unauthorized";
}

/** Waits for every task (none is left running behind a failure), then throws the first failure. */
export async function settleAll(tasks: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
