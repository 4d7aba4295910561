"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { cn } from "@/components/ui/cn";
import { CreateNewSecret } from "./create-new-secret";
import { KeyVaultPicker } from "./key-vault-picker";

type Way = "create" | "existing";

/**
 * **Add reference** for one secret field: a native modal `<dialog>` (the browser traps focus in it, makes the
 * page behind inert, closes it on Escape and returns focus to the button that opened it), with two ways in:
 * *Create new secret* and *Add from Azure Key Vault*.
 *
 * Mounted only while open, so everything typed — a secret value included — is dropped when it closes. It is
 * rendered into `document.body`: the endpoint form around the field must not see its Enter key or its events.
 */
export function AddReferenceDialog({ label, certificateRole, counterpart, current, onAdd, onClosed }: {
  /** The field's label, e.g. "Password": the dialog's title names it. */
  label: string;
  certificateRole?: CertificateRole;
  counterpart?: SecretReference | null;
  /** The field's reference when replacing it. */
  current: SecretReference | null;
  onAdd: (reference: SecretReference) => void;
  /** The dialog closed (Add, Cancel or Escape); the field unmounts it. */
  onClosed: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [way, setWay] = useState<Way>(current?.source === "existing" ? "existing" : "create");
  // The vault is listed once the operator first goes there, not on every open of Create new secret.
  const [pickerVisited, setPickerVisited] = useState(way === "existing");
  const [search, setSearch] = useState("");
  const choose = (next: Way) => {
    setWay(next);
    if (next === "existing") setPickerVisited(true);
  };

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const close = () => dialog.current?.close();
  const add = (reference: SecretReference) => {
    onAdd(reference);
    close();
  };

  return createPortal(
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClosed}
      data-testid="add-reference-dialog"
      className="m-auto max-h-[90vh] w-full max-w-4xl overflow-y-auto rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">Add reference: {label}</h2>
      <fieldset className="mt-4">
        <legend className="sr-only">How to add the reference</legend>
        <div className="inline-flex rounded-md border border-slate-300 p-0.5">
          <WayOption name={titleId} value="create" current={way} onChoose={choose}>Create new secret</WayOption>
          <WayOption name={titleId} value="existing" current={way} onChoose={choose}>Add from Azure Key Vault</WayOption>
        </div>
      </fieldset>
      {/* Both stay mounted: switching to look something up in the vault keeps what was typed for a new secret. */}
      <div className="mt-4" hidden={way !== "create"}>
        <CreateNewSecret
          certificateRole={certificateRole}
          counterpart={counterpart}
          initial={current?.source === "new" ? current : null}
          onAdd={add}
          onCancel={close}
          onUseExisting={(name) => {
            setSearch(name);
            choose("existing");
          }}
        />
      </div>
      {pickerVisited ? (
        <div className="mt-4" hidden={way !== "existing"}>
          <KeyVaultPicker search={search} onSearchChange={setSearch} certificateRole={certificateRole} onAdd={add} onCancel={close} />
        </div>
      ) : null}
    </dialog>,
    document.body,
  );
}

function WayOption({ name, value, current, onChoose, children }: {
  name: string;
  value: Way;
  current: Way;
  onChoose: (way: Way) => void;
  children: string;
}) {
  const checked = current === value;
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-2 rounded px-3 py-1.5 text-sm font-medium has-focus-visible:outline-2 has-focus-visible:outline-blue-700",
        checked ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-50",
      )}
    >
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChoose(value)} className="sr-only" data-testid={`add-reference-way-${value}`} />
      {children}
    </label>
  );
}
