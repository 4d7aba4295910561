"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { Button } from "@/components/ui/button";
import { AddReferenceDialog } from "./add-reference-dialog";
import { ReferenceChip } from "./reference-chip";

export interface SecretFieldProps {
  /** What the field is, e.g. "Password": shown, and part of every button's accessible name. */
  label: string;
  /** Stable id of the field within its form (e.g. "username"), for test ids. */
  field: string;
  value: SecretReference | null;
  onChange: (next: SecretReference | null) => void;
  /** Why references cannot be added or changed (secret sync not enabled, a reader): buttons disabled, reason shown. */
  disabledReason?: string | null;
  required?: boolean;
  /** A PEM field: *Create new secret* then takes PEM only and checks it (lib/pem). */
  certificateRole?: CertificateRole;
  /**
   * The other half of a certificate/key pair in the same endpoint. When it is a new secret, a new value here must
   * belong with it (the dialog checks the key against the certificate).
   */
  counterpart?: SecretReference | null;
  /** The form's validation message for this field. */
  error?: string;
}

/**
 * One secret field of an endpoint form. Empty, it offers **Add reference**; filled, it shows the reference as a
 * chip with Replace and Remove. A new secret's value stays in the form value only (sent once, in the save).
 */
export function SecretField({ label, field, value, onChange, disabledReason = null, required = false, certificateRole, counterpart, error }: SecretFieldProps) {
  const id = useId();
  const [dialogOpen, setDialogOpen] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  // The button that had focus is replaced when a reference is added or removed: move focus to its successor.
  const focusNext = useRef<"add" | "replace" | null>(null);
  useEffect(() => {
    const target = focusNext.current === "add" ? addButton.current : focusNext.current === "replace" ? replaceButton.current : null;
    focusNext.current = null;
    target?.focus();
  }, [value]);

  const labelId = `${id}-label`;
  const reasonId = `${id}-reason`;
  const errorId = `${id}-error`;
  const describedBy = [disabledReason ? reasonId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const disabled = Boolean(disabledReason);

  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={describedBy} className="flex flex-col gap-1" data-testid="secret-field" data-field={field}>
      <span id={labelId} className="text-sm font-medium text-slate-800">
        {label}
        {required ? <>{" "}<span className="font-normal text-slate-700">(required)</span></> : null}
      </span>
      {value ? (
        <ReferenceChip
          label={label}
          reference={value}
          disabled={disabled}
          describedBy={describedBy}
          replaceRef={replaceButton}
          onReplace={() => setDialogOpen(true)}
          onRemove={() => {
            focusNext.current = "add";
            onChange(null);
          }}
        />
      ) : (
        <div>
          <Button ref={addButton} onClick={() => setDialogOpen(true)} disabled={disabled} aria-label={`Add reference for ${label}`}
            aria-describedby={describedBy} data-testid="secret-field-add">
            Add reference
          </Button>
        </div>
      )}
      {disabledReason ? <p id={reasonId} className="text-xs text-slate-700" data-testid="secret-field-disabled-reason">{disabledReason}</p> : null}
      {error ? <p id={errorId} className="text-xs font-medium text-red-700" data-testid="secret-field-error">{error}</p> : null}
      {dialogOpen ? (
        <AddReferenceDialog
          label={label}
          certificateRole={certificateRole}
          counterpart={counterpart}
          current={value}
          onAdd={(reference) => {
            focusNext.current = "replace";
            onChange(reference);
          }}
          onClosed={() => setDialogOpen(false)}
        />
      ) : null}
    </div>
  );
}
