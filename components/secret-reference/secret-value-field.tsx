"use client";

import { useRef, useState } from "react";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import type { PemProblem } from "@/lib/pem/problem";
import { textOfUpload } from "@/lib/pem/uploaded-file";
import { KEY_VAULT_VALUE_MAX_BYTES, utf8Bytes } from "@/lib/schemas/secret-reference";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PemProblemAlert } from "./pem-check-status";

/**
 * The secret value: typed or pasted into a multi-line box that is masked until the operator asks to see it, or
 * read from a file (exactly, never re-encoded). The size is shown against Key Vault's 25 KB limit.
 *
 * The value lives in the dialog's state only. Masking uses `-webkit-text-security` (Chromium, WebKit, Firefox);
 * where a browser lacks it the text is drawn transparent instead, never shown in clear.
 */
export function SecretValueField({ id, value, onChange, role, describedBy, invalid }: {
  id: string;
  value: string;
  onChange: (next: string) => void;
  role: CertificateRole | undefined;
  /** Ids of what the dialog says about the value (PEM checks), besides this field's own size and upload notes. */
  describedBy?: string;
  invalid: boolean;
}) {
  const [revealed, setRevealed] = useState(false);
  const [upload, setUpload] = useState<{ file: string; problem: PemProblem | null } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const bytes = utf8Bytes(value);
  const tooBig = bytes > KEY_VAULT_VALUE_MAX_BYTES;
  const sizeId = `${id}-size`;
  const uploadId = `${id}-upload`;

  const readFile = (file: File) => {
    if (file.size > KEY_VAULT_VALUE_MAX_BYTES) {
      onChange("");
      setUpload({ file: file.name, problem: { code: "binary", message: `${file.name} is ${file.size.toLocaleString()} bytes; ` +
        `Key Vault takes at most ${KEY_VAULT_VALUE_MAX_BYTES.toLocaleString()} bytes (25 KB).` } });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const read = textOfUpload(new Uint8Array(reader.result as ArrayBuffer), file.name, role ?? null);
      // A refused file empties the value: the operator meant to replace it, and a stale value must not be added.
      onChange(read.ok ? read.text : "");
      setUpload({ file: file.name, problem: read.ok ? null : read.problem });
    };
    reader.onerror = () => setUpload({ file: file.name, problem: { code: "unreadable", message: `${file.name} could not be read.` } });
    reader.readAsArrayBuffer(file);
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">Secret value</label>
        <div className="flex gap-2">
          <Button onClick={() => setRevealed((r) => !r)} aria-pressed={revealed} aria-controls={id} data-testid="secret-value-reveal">
            {revealed ? "Hide value" : "Show value"}
          </Button>
          <Button onClick={() => fileInput.current?.click()} data-testid="secret-value-upload">Upload file</Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            tabIndex={-1}
            aria-label="Secret value file"
            // DER, PFX and PKCS #7 files are offered too: choosing one gets the command that converts it.
            accept={role ? ".pem,.crt,.cer,.key,.txt,.der,.pfx,.p12,.p7b" : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ""; // the same file may be chosen again after fixing it
              if (file) readFile(file);
            }}
            data-testid="secret-value-file"
          />
        </div>
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setUpload(null);
        }}
        rows={role ? 8 : 3}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        aria-invalid={invalid || tooBig || Boolean(upload?.problem)}
        aria-describedby={[sizeId, upload ? uploadId : null, describedBy].filter(Boolean).join(" ")}
        placeholder={role ? "-----BEGIN …-----" : undefined}
        data-testid="secret-value"
        data-masked={!revealed}
        className={cn(
          "w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-xs text-slate-900",
          "focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700",
          !revealed && "[-webkit-text-security:disc] not-supports-[-webkit-text-security:disc]:text-transparent",
          !revealed && "not-supports-[-webkit-text-security:disc]:caret-slate-900",
        )}
      />
      <p id={sizeId} className={cn("text-xs", tooBig ? "font-medium text-red-700" : "text-slate-700")} data-testid="secret-value-size">
        {bytes.toLocaleString()} of {KEY_VAULT_VALUE_MAX_BYTES.toLocaleString()} bytes (Key Vault&apos;s 25 KB limit)
        {tooBig ? " — too large for Key Vault" : null}
      </p>
      {upload ? (
        <div id={uploadId}>
          {upload.problem ? (
            <PemProblemAlert problem={upload.problem} />
          ) : (
            <p role="status" className="text-xs text-slate-700" data-testid="secret-value-uploaded">Value read from {upload.file}.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
