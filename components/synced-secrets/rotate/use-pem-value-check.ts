"use client";

import { useEffect, useState } from "react";
import { pemValueProblem } from "@/lib/pem/pem-value";
import type { PemProblem } from "@/lib/pem/problem";

export type PemValueCheck = { state: "off" } | { state: "checking" } | { state: "done"; problem: PemProblem | null };

/** Waits for a pause in typing: parsing certificates and keys per keystroke would make typing lag. */
const CHECK_DELAY_MS = 250;

/**
 * The PEM checks of a rotated value whose content type says PEM (lib/pem/pem-value.ts), run in the browser as the
 * operator types or uploads. The text stays in the dialog's state; the result holds no part of it.
 */
export function usePemValueCheck(enabled: boolean, text: string): PemValueCheck {
  const [checked, setChecked] = useState<{ text: string; problem: PemProblem | null } | null>(null);
  useEffect(() => {
    if (!enabled || text === "") return;
    let current = true;
    const timer = setTimeout(() => {
      void pemValueProblem(text)
        .catch((): PemProblem => ({ code: "unreadable", message: "This PEM could not be checked." }))
        .then((problem) => {
          if (current) setChecked({ text, problem });
        });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [enabled, text]);

  if (!enabled || text === "") return { state: "off" };
  if (checked?.text !== text) return { state: "checking" };
  return { state: "done", problem: checked.problem };
}
