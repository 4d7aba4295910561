"use client";

import { useEffect, useState } from "react";

const DEBOUNCE_MS = 300;

/** Search by name. Waits for a pause in typing (Enter searches at once) so each keystroke is not a request. */
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
      <label htmlFor="kv-secret-search" className="text-sm font-medium text-slate-800">
        Search by name
      </label>
      <input
        id="kv-secret-search"
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="e.g. mqtt"
        autoComplete="off"
        spellCheck={false}
        data-testid="kv-secrets-search"
        className="w-80 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
    </form>
  );
}
