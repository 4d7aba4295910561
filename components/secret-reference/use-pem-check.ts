"use client";

import { useEffect, useState } from "react";
import { checkPemForRole, type CertificateRole, type RoleCheck } from "@/lib/pem/certificate-role";

export type PemCheckState = { state: "idle" } | { state: "checking" } | { state: "done"; result: RoleCheck };

/** Waits for a pause in typing: parsing and a WebCrypto signature per keystroke would make typing lag. */
const CHECK_DELAY_MS = 250;

interface Checked {
  role: CertificateRole;
  text: string;
  counterpartPem: string | null;
  result: RoleCheck;
}

/**
 * The PEM checks of a certificate field's value, run in the browser as the operator types or uploads. The text stays
 * in this component's state (the dialog's); nothing is cached elsewhere. "checking" until the answer for exactly
 * the current text (and counterpart) is in.
 */
export function usePemCheck(role: CertificateRole | undefined, text: string, counterpartPem: string | null): PemCheckState {
  const [checked, setChecked] = useState<Checked | null>(null);
  useEffect(() => {
    if (!role || text.trim() === "") return;
    let current = true;
    const timer = setTimeout(() => {
      void checkPemForRole(role, text, { counterpartPem })
        .catch((): RoleCheck => ({ ok: false, problem: { code: "unreadable", message: "This PEM could not be checked." } }))
        .then((result) => {
          if (current) setChecked({ role, text, counterpartPem, result });
        });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [role, text, counterpartPem]);

  if (!role || text.trim() === "") return { state: "idle" };
  if (!checked || checked.role !== role || checked.text !== text || checked.counterpartPem !== counterpartPem) return { state: "checking" };
  return { state: "done", result: checked.result };
}
