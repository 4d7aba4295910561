"use client";

import { useEffect, useState } from "react";

export interface DebouncedSearchBoxProps {
  value: string;
  onSearch: (next: string) => void;
  /** Input id (the label points at it) and test id. */
  id: string;
  testId: string;
  label: string;
  placeholder: string;
  /** How long a pause in typing must last before `onSearch` runs (Enter runs it at once). */
  debounceMs: number;
}

/**
 * A search box that follows its `value` (the URL's, changed by Back/Forward or a link) and reports what is typed
 * after a pause, so each keystroke is not a request or a history entry.
 */
export function DebouncedSearchBox({ value, onSearch, id, testId, label, placeholder, debounceMs }: DebouncedSearchBoxProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed under us (Back/Forward, a link): show what it says.
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }

  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onSearch(text), debounceMs);
    return () => clearTimeout(t);
  }, [text, value, onSearch, debounceMs]);

  return (
    <form
      role="search"
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (text !== value) onSearch(text);
      }}
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        className="w-80 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
    </form>
  );
}
