"use client";

import type { KeyVaultIndexInfo } from "@/lib/schemas/synced-secret-list";
import { RelativeAge } from "./relative-age";

/**
 * How fresh the Key Vault facts behind the warnings are. They come from the portal's name index (never a vault call
 * per row), which refreshes on its own clock; an operator who just fixed a secret in the vault can see why a warning
 * has not gone yet.
 */
export function IndexAge({ index }: { index: KeyVaultIndexInfo }) {
  return (
    <p className="text-sm text-slate-700" data-testid="synced-secrets-index-age" data-state={index.state}>
      {index.updatedAt ? (
        <>Key Vault info from <RelativeAge value={index.updatedAt} /></>
      ) : (
        "Key Vault info not read yet"
      )}
      {index.state === "filling" ? ` · reading the vault (${index.count.toLocaleString()} secrets so far): warnings may be incomplete` : null}
    </p>
  );
}
