"use client";

import { DebouncedSearchBox } from "@/components/ui/debounced-search-box";

/** Search by name: each search is a request to the portal's name index, so wait for a pause in typing. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (next: string) => void }) {
  return (
    <DebouncedSearchBox value={value} onSearch={onSearch} id="kv-secret-search" testId="kv-secrets-search"
      label="Search by name" placeholder="e.g. mqtt" debounceMs={300} />
  );
}
