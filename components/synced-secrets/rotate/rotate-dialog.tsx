"use client";

import { useEffect, useId, useRef, useState } from "react";
import { isApiProblem } from "@/lib/api/client";
import { isPemContentType } from "@/lib/pem/pem-value";
import type { SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import type { DateChoice } from "@/components/secret-reference/new-secret-dates";
import { isoToLocalInput } from "@/components/secret-reference/date-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { rotatableSources, type RotatableSource } from "./rotatable-sources";
import { rotateRequest, type RotateInitial } from "./rotate-request";
import { RotationTargets } from "./rotation-targets";
import { SourceStep, useSourceStepReady } from "./source-step";
import { usePemValueCheck } from "./use-pem-value-check";
import { useRotate } from "./use-rotate";
import { ValueStep } from "./value-step";

const dateChoice = (iso: string | null | undefined): DateChoice => (iso ? { on: true, local: isoToLocalInput(iso) } : { on: false, local: "" });

function initialOf(source: RotatableSource | null): RotateInitial {
  const current = source?.current ?? null;
  return { contentType: current?.contentType ?? "", activation: dateChoice(current?.notBefore), expiration: dateChoice(current?.expiresOn) };
}

/**
 * *Rotate*, a native modal `<dialog>` in three steps: choose the Key Vault secret and see every synced secret the
 * rotation will sync (the server's dry run); give the new value, with content type and dates carried over unless
 * changed; then what happened. The value lives in this dialog's state only (mounted per opening, so closing drops
 * it) and in the request: never in a URL, storage, a log, a query key or mutation variables.
 */
export function RotateDialog({ detail, onClose }: { detail: SyncedSecretDetail; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [sources] = useState(() => rotatableSources(detail));
  const [source, setSource] = useState<string | null>(() => {
    const open = sources.filter((s) => s.refusal === null);
    return open.length === 1 ? open[0]!.name : null;
  });
  const [chosenStep, setStep] = useState<"source" | "value">("source");
  // One key per opening: a retried request recognises its own new version instead of writing a second one.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [openedAt] = useState(() => new Date());
  const chosen = sources.find((s) => s.name === source) ?? null;
  const [initial, setInitial] = useState<RotateInitial>(() => initialOf(chosen));
  const [value, setValue] = useState("");
  const [contentType, setContentType] = useState(initial.contentType);
  const [activation, setActivation] = useState(initial.activation);
  const [expiration, setExpiration] = useState(initial.expiration);
  const sourceReady = useSourceStepReady(detail.name, sources, source);
  // Once rotated, the value is not needed any more: drop it from the dialog's state too.
  const { mutation, rotate } = useRotate(detail.name, { onRotated: () => setValue("") });

  const request = rotateRequest({ source: source ?? "", value, contentType, activation, expiration }, initial, idempotencyKey, openedAt);
  const pem = usePemValueCheck(isPemContentType(contentType.trim() || initial.contentType), value);
  const blocker = request.blocker
    ?? (pem.state === "checking" ? "Checking the PEM…" : pem.state === "done" && pem.problem ? "Fix the PEM problem shown under the value" : null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    d.addEventListener("close", onClose);
    return () => d.removeEventListener("close", onClose);
  }, [onClose]);

  const toValueStep = () => {
    const start = initialOf(chosen);
    setInitial(start);
    setContentType(start.contentType);
    setActivation(start.activation);
    setExpiration(start.expiration);
    setStep("value");
  };
  const submit = () => {
    if (!request.input) return;
    mutation.reset();
    rotate(request.input);
  };
  const step = mutation.isSuccess ? "done" : chosenStep;
  const blockerId = `${id}-blocker`;
  const error = mutation.error;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      data-testid="rotate-dialog"
      data-step={step}
      className="m-auto max-h-[90vh] w-full max-w-2xl overflow-y-auto rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={`${id}-title`} className="mb-4 text-lg font-semibold [overflow-wrap:anywhere] text-slate-900">
        Rotate a Key Vault secret of <span className="font-mono">{detail.name}</span>
      </h2>
      {step === "source" ? (
        <SourceStep name={detail.name} sources={sources} source={source} onSource={setSource} />
      ) : step === "value" && source ? (
        <ValueStep
          id={id}
          source={source}
          value={value}
          onValue={setValue}
          contentType={contentType}
          onContentType={setContentType}
          activation={activation}
          onActivation={setActivation}
          expiration={expiration}
          onExpiration={setExpiration}
          dates={request.dates}
          pem={pem}
        />
      ) : mutation.data ? (
        <div className="flex flex-col gap-2" data-testid="rotate-result">
          <p>
            New version <span className="font-mono" data-testid="rotate-version">{mutation.data.version}</span> of{" "}
            <span className="font-mono">{mutation.data.source}</span> is in Key Vault.
          </p>
          <RotationTargets targets={mutation.data.syncedSecrets} testId="rotate-result-targets" />
        </div>
      ) : null}
      {error ? (
        <Alert tone="danger" role="alert" className="mt-4" title={isApiProblem(error) ? error.title : "Rotation failed"} data-testid="rotate-error">
          {isApiProblem(error) ? error.detail : error.message}
          {isApiProblem(error) && Object.keys(error.errors).length > 0 ? (
            <ul className="mt-1 list-disc pl-4">
              {Object.entries(error.errors).flatMap(([field, messages]) => messages.map((m) => <li key={`${field}:${m}`}>{m}</li>))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div className="mt-6 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 pt-4">
        {step === "value" ? (
          <p id={blockerId} className="mr-auto text-slate-700" aria-live="polite" data-testid="rotate-blocker">{blocker}</p>
        ) : null}
        {step === "done" ? (
          <Button variant="primary" onClick={() => dialog.current?.close()} data-testid="rotate-close">Close</Button>
        ) : (
          <Button onClick={() => dialog.current?.close()} disabled={mutation.isPending} data-testid="rotate-cancel">Cancel</Button>
        )}
        {step === "source" ? (
          <Button variant="primary" onClick={toValueStep} disabled={!sourceReady} data-testid="rotate-continue">Continue</Button>
        ) : null}
        {step === "value" ? (
          <>
            <Button onClick={() => setStep("source")} disabled={mutation.isPending} data-testid="rotate-back">Back</Button>
            <Button
              variant="primary"
              onClick={submit}
              disabled={blocker !== null || mutation.isPending}
              aria-describedby={blocker ? blockerId : undefined}
              data-testid="rotate-submit"
            >
              {mutation.isPending ? "Rotating…" : "Rotate"}
            </Button>
          </>
        ) : null}
      </div>
    </dialog>
  );
}
