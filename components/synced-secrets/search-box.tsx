"use client";

import { useEffect, useState } from "react";

/** Filtering is local and cheap, but writing the URL per keystroke is not: wait for a short pause in typing. */
const DEBOUNCE_MS = 200;

/** Search by synced secret name, key, or Key Vault secret name. Enter applies at once. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (next: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed under us (Back/Forward, a link): show what it says.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onSearch(text), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, value, onSearch]);

  return (
    <form
      role="search"
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (text !== value) onSearch(text);
      }}
    >
      <label htmlFor="synced-secret-search" className="text-sm font-medium text-slate-800">
        Search
      </label>
      <input
        id="synced-secret-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Name, key or Key Vault secret"
        autoComplete="off"
        spellCheck={false}
        data-testid="synced-secrets-search"
        className="w-80 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
    </form>
  );
}
