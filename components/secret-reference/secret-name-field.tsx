"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { NameCheck } from "./use-name-availability";

/**
 * The new secret's Key Vault name, with what the rule and the vault say about it as the operator types. A name
 * that exists points to *Add from Azure Key Vault* instead (Create new would add a version to someone's secret).
 */
export function SecretNameField({ id, value, onChange, touched, onBlur, check, onUseExisting }: {
  id: string;
  value: string;
  onChange: (next: string) => void;
  touched: boolean;
  onBlur: () => void;
  check: NameCheck;
  onUseExisting: (name: string) => void;
}) {
  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;
  const refused = check.state === "invalid" || check.state === "exists" || check.state === "deleted" || (check.state === "empty" && touched);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">Secret name</label>
      <p id={hintId} className="text-xs text-slate-700">
        1–127 letters, digits and dashes. The secret is created in Key Vault when the form is saved.
      </p>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={refused}
        aria-describedby={`${hintId} ${statusId}`}
        data-testid="new-secret-name"
        className="w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-1.5 font-mono text-sm text-slate-900 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
      />
      <div id={statusId} aria-live="polite" data-testid="new-secret-name-status" data-state={check.state}>
        <NameStatus check={check} touched={touched} onUseExisting={onUseExisting} name={value} />
      </div>
    </div>
  );
}

function NameStatus({ check, touched, name, onUseExisting }: {
  check: NameCheck;
  touched: boolean;
  name: string;
  onUseExisting: (name: string) => void;
}) {
  switch (check.state) {
    case "empty":
      return touched ? <p className="text-xs font-medium text-red-700">Enter a secret name</p> : null;
    case "invalid":
      return <p className="text-xs font-medium text-red-700">{check.message}</p>;
    case "checking":
      return <p className="text-xs text-slate-700">Checking the name in Key Vault…</p>;
    case "available":
      return <p className="text-xs text-green-800">The name is free in Key Vault.</p>;
    case "exists":
      return (
        <Alert tone="warning" title={check.message} className="mt-1">
          <Button className="mt-1" onClick={() => onUseExisting(name)} data-testid="new-secret-use-existing">
            Add from Azure Key Vault instead
          </Button>
        </Alert>
      );
    case "deleted":
      return <p className="text-xs font-medium text-red-700">{check.message}</p>;
    case "error":
      return (
        <p className="flex flex-wrap items-center gap-2 text-xs font-medium text-red-700">
          {check.message}
          <Button onClick={check.retry}>Retry</Button>
        </p>
      );
  }
}
