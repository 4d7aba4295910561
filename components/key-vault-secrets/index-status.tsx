import type { KeyVaultSecretList } from "@/lib/schemas/key-vault-secret";
import { Alert } from "@/components/ui/alert";

/**
 * Key Vault has no server-side search, so the portal answers searches from its own name index. Until the
 * index has paged through the whole vault, say so: a search may miss secrets that exist.
 */
export function IndexStatus({ index }: { index: KeyVaultSecretList["index"] }) {
  const n = index.count.toLocaleString();
  if (index.state === "filling") {
    return (
      <Alert tone="info" title={`Indexing the vault… ${n} secrets so far`} data-testid="kv-index-status" data-state="filling">
        Search results may be incomplete until indexing is done.
      </Alert>
    );
  }
  return (
    <p className="text-sm text-slate-700" role="status" data-testid="kv-index-status" data-state="ready">
      {n} {index.count === 1 ? "secret" : "secrets"} in the vault
    </p>
  );
}
