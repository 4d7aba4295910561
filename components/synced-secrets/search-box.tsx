"use client";

import { DebouncedSearchBox } from "@/components/ui/debounced-search-box";

/**
 * Search by synced secret name, key, or Key Vault secret name. Filtering is local and cheap, but writing the URL per
 * keystroke is not: a short pause in typing.
 */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (next: string) => void }) {
  return (
    <DebouncedSearchBox value={value} onSearch={onSearch} id="synced-secret-search" testId="synced-secrets-search"
      label="Search" placeholder="Name, key or Key Vault secret" debounceMs={200} />
  );
}
