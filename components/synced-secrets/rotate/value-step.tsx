"use client";

import type { DateChoice, DatesCheck } from "@/components/secret-reference/new-secret-dates";
import { DateToggle } from "@/components/secret-reference/date-toggle";
import { PemProblemAlert } from "@/components/secret-reference/pem-check-status";
import { SecretValueField } from "@/components/secret-reference/secret-value-field";
import type { PemValueCheck } from "./use-pem-value-check";

const PEM_CONTENT_TYPE = "application/x-pem-file";

/**
 * Step 2: the new value — the same field as *Create new secret* (masked until asked, upload, size against Key
 * Vault's 25 KB) with the PEM checks when the content type says PEM — and the content type and dates, filled with
 * the current version's so they carry over unless changed.
 */
export function ValueStep({ id, source, value, onValue, contentType, onContentType, activation, onActivation, expiration, onExpiration, dates, pem }: {
  id: string;
  source: string;
  value: string;
  onValue: (v: string) => void;
  contentType: string;
  onContentType: (v: string) => void;
  activation: DateChoice;
  onActivation: (d: DateChoice) => void;
  expiration: DateChoice;
  onExpiration: (d: DateChoice) => void;
  dates: DatesCheck;
  pem: PemValueCheck;
}) {
  const ids = { value: `${id}-value`, pem: `${id}-pem`, type: `${id}-type`, types: `${id}-types` };
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-800">
        A new version of <span className="font-mono font-medium">{source}</span>. The old versions stay in Key Vault.
      </p>
      <div className="flex flex-col gap-2">
        <SecretValueField
          id={ids.value}
          value={value}
          onChange={onValue}
          role={undefined}
          describedBy={pem.state !== "off" ? ids.pem : undefined}
          invalid={pem.state === "done" && pem.problem !== null}
        />
        {pem.state === "checking" ? (
          <p id={ids.pem} role="status" className="text-sm text-slate-700" data-testid="rotate-pem-check" data-state="checking">Checking the PEM…</p>
        ) : pem.state === "done" && pem.problem ? (
          <PemProblemAlert id={ids.pem} problem={pem.problem} />
        ) : pem.state === "done" ? (
          <p id={ids.pem} role="status" className="text-sm text-slate-700" data-testid="rotate-pem-check" data-state="ok">The PEM reads well.</p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.type} className="text-sm font-medium text-slate-800">Content type</label>
        <input
          id={ids.type}
          list={ids.types}
          value={contentType}
          onChange={(e) => onContentType(e.target.value)}
          maxLength={255}
          autoComplete="off"
          data-testid="rotate-content-type"
          className="w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
        />
        <datalist id={ids.types}>
          {["text/plain", "application/json", PEM_CONTENT_TYPE].map((t) => <option key={t} value={t} />)}
        </datalist>
      </div>
      <DateToggle
        id={`${id}-nbf`}
        testId="rotate-activation"
        label="Set activation date"
        dateLabel="Activation date"
        on={activation.on}
        value={activation.local}
        onToggle={(on) => onActivation({ ...activation, on })}
        onChange={(local) => onActivation({ on: true, local })}
        message={dates.activation?.message ?? null}
        messageTone={dates.activation?.tone ?? "info"}
      />
      <DateToggle
        id={`${id}-exp`}
        testId="rotate-expiration"
        label="Set expiration date"
        dateLabel="Expiration date"
        on={expiration.on}
        value={expiration.local}
        onToggle={(on) => onExpiration({ ...expiration, on })}
        onChange={(local) => onExpiration({ on: true, local })}
        message={dates.expiration?.message ?? null}
        messageTone={dates.expiration?.tone ?? "info"}
      />
    </div>
  );
}
