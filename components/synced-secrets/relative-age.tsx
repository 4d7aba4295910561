"use client";

import { useEffect, useState } from "react";

/** "12 s ago", "4 min ago", "3 h ago", "2 d ago": how old a piece of information is, in the shortest honest words. */
export function ageInWords(from: Date, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Ticks once a second while on screen, so the age stays true between refreshes. The exact instant is in the tooltip. */
export function RelativeAge({ value, testId }: { value: string; testId?: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const at = new Date(value);
  return (
    <time dateTime={at.toISOString()} title={at.toISOString()} data-testid={testId}>
      {ageInWords(at, now)}
    </time>
  );
}
