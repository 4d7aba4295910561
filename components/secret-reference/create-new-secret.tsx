"use client";

import { useId, useState } from "react";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import { KEY_VAULT_VALUE_MAX_BYTES, newSecretReference, utf8Bytes, type NewSecretReference, type SecretReference } from "@/lib/schemas/secret-reference";
import { isoToLocalInput } from "./date-input";
import { DateToggle } from "./date-toggle";
import { DialogFooter } from "./dialog-footer";
import { checkDates, type DateChoice } from "./new-secret-dates";
import { PemCheckStatus } from "./pem-check-status";
import { SecretNameField } from "./secret-name-field";
import { SecretValueField } from "./secret-value-field";
import { useNameAvailability, type NameCheck } from "./use-name-availability";
import { usePemCheck, type PemCheckState } from "./use-pem-check";

const PEM_CONTENT_TYPE = "application/x-pem-file";

/**
 * *Create new secret*: a Key Vault name that is free, a value (typed, pasted or uploaded; for certificate fields a
 * PEM that checks), an optional content type and activation/expiration dates. Add stays disabled, saying why,
 * until everything checks; the reference then goes to the form, which creates the secret when it is saved.
 */
export function CreateNewSecret({ certificateRole, counterpart, initial, onAdd, onCancel, onUseExisting }: {
  certificateRole?: CertificateRole;
  counterpart?: SecretReference | null;
  /** The field's current new reference, when replacing it (edit rather than retype). */
  initial: NewSecretReference | null;
  onAdd: (reference: NewSecretReference) => void;
  onCancel: () => void;
  onUseExisting: (name: string) => void;
}) {
  const id = useId();
  const [openedAt] = useState(() => new Date());
  const [name, setName] = useState(initial?.keyVaultSecretName ?? "");
  const [nameTouched, setNameTouched] = useState(false);
  const [value, setValue] = useState(initial?.value ?? "");
  const [contentType, setContentType] = useState(initial?.contentType ?? (certificateRole ? PEM_CONTENT_TYPE : ""));
  const [activation, setActivation] = useState<DateChoice>(dateChoice(initial?.notBefore));
  const [expiration, setExpiration] = useState<DateChoice>(dateChoice(initial?.expiresOn));

  const nameCheck = useNameAvailability(name);
  const pairs = certificateRole === "key" || certificateRole === "certificate";
  const counterpartPem = pairs && counterpart?.source === "new" ? counterpart.value : null;
  const pem = usePemCheck(certificateRole, value, counterpartPem);
  const dates = checkDates(activation, expiration, openedAt);

  const candidate = {
    source: "new" as const,
    keyVaultSecretName: name,
    value,
    ...(contentType.trim() ? { contentType: contentType.trim() } : {}),
    ...(dates.notBefore ? { notBefore: dates.notBefore } : {}),
    ...(dates.expiresOn ? { expiresOn: dates.expiresOn } : {}),
  };
  const blocker = nameBlocker(nameCheck) ?? valueBlocker(value) ?? pemBlocker(pem)
    ?? (contentType.length > 255 ? "Use at most 255 characters for the content type" : null)
    ?? dates.blocker
    // The schema the form and the route use has the last word; its message never contains the value.
    ?? (newSecretReference.safeParse(candidate).error?.issues[0]?.message ?? null);

  const ids = { name: `${id}-name`, value: `${id}-value`, pem: `${id}-pem`, type: `${id}-type`, types: `${id}-types` };
  return (
    <div className="flex flex-col gap-4" data-testid="create-new-secret">
      <SecretNameField
        id={ids.name}
        value={name}
        onChange={(next) => {
          setName(next);
          setNameTouched(true);
        }}
        touched={nameTouched}
        onBlur={() => setNameTouched(true)}
        check={nameCheck}
        onUseExisting={onUseExisting}
      />
      <div className="flex flex-col gap-2">
        <SecretValueField
          id={ids.value}
          value={value}
          onChange={setValue}
          role={certificateRole}
          describedBy={certificateRole ? ids.pem : undefined}
          invalid={pem.state === "done" && !pem.result.ok}
        />
        {certificateRole ? (
          <>
            <p className="text-xs text-slate-700">
              PEM text only (-----BEGIN …-----). It is stored exactly as given.
              {certificateRole === "key" ? " The key must not be password protected." : null}
            </p>
            <PemCheckStatus id={ids.pem} role={certificateRole} check={pem} counterpartIsExisting={pairs && counterpart?.source === "existing"} />
          </>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.type} className="text-sm font-medium text-slate-800">Content type (optional)</label>
        <input
          id={ids.type}
          list={ids.types}
          value={contentType}
          onChange={(e) => setContentType(e.target.value)}
          maxLength={255}
          autoComplete="off"
          data-testid="new-secret-content-type"
          className="w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
        />
        <datalist id={ids.types}>
          {(certificateRole ? [PEM_CONTENT_TYPE, "text/plain"] : ["text/plain", "application/json", PEM_CONTENT_TYPE]).map((t) => <option key={t} value={t} />)}
        </datalist>
      </div>
      <DateToggle
        id={`${id}-nbf`}
        testId="new-secret-activation"
        label="Set activation date"
        dateLabel="Activation date"
        on={activation.on}
        value={activation.local}
        onToggle={(on) => setActivation((d) => ({ ...d, on }))}
        onChange={(local) => setActivation({ on: true, local })}
        message={dates.activation?.message ?? null}
        messageTone={dates.activation?.tone ?? "info"}
      />
      <DateToggle
        id={`${id}-exp`}
        testId="new-secret-expiration"
        label="Set expiration date"
        dateLabel="Expiration date"
        on={expiration.on}
        value={expiration.local}
        onToggle={(on) => setExpiration((d) => ({ ...d, on }))}
        onChange={(local) => setExpiration({ on: true, local })}
        message={dates.expiration?.message ?? null}
        messageTone={dates.expiration?.tone ?? "info"}
      />
      <DialogFooter blocker={blocker} onCancel={onCancel} onAdd={() => onAdd(newSecretReference.parse(candidate))} />
    </div>
  );
}

const dateChoice = (iso: string | undefined): DateChoice => (iso ? { on: true, local: isoToLocalInput(iso) } : { on: false, local: "" });

function nameBlocker(check: NameCheck): string | null {
  switch (check.state) {
    case "empty": return "Enter a secret name";
    case "invalid": return "Fix the secret name";
    case "checking": return "Checking the name in Key Vault…";
    case "exists": return "Choose a name no secret has, or add the existing secret from Azure Key Vault";
    case "deleted": return "Choose a name no deleted secret holds";
    case "error": return "Key Vault could not be asked about the name; retry";
    case "available": return null;
  }
}

function valueBlocker(value: string): string | null {
  if (value === "") return "Enter or upload the secret value";
  return utf8Bytes(value) > KEY_VAULT_VALUE_MAX_BYTES ? "The value is larger than Key Vault's 25 KB limit" : null;
}

function pemBlocker(pem: PemCheckState): string | null {
  if (pem.state === "checking") return "Checking the PEM…";
  if (pem.state === "done" && !pem.result.ok) return "Fix the PEM problem shown under the value";
  return null;
}
