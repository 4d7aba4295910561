import type { Ref } from "react";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

/**
 * A chosen reference: the Key Vault secret's name and where it comes from, with Replace and Remove. Buttons carry
 * the field's label in their accessible names ("Replace Password"), as a form has several of these side by side.
 */
export function ReferenceChip({ label, reference, disabled, describedBy, replaceRef, onReplace, onRemove }: {
  label: string;
  reference: SecretReference;
  disabled: boolean;
  describedBy?: string;
  replaceRef: Ref<HTMLButtonElement>;
  onReplace: () => void;
  onRemove: () => void;
}) {
  const isNew = reference.source === "new";
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2"
      data-testid="secret-field-chip"
      data-source={reference.source}
    >
      <span className="font-mono text-sm font-medium [overflow-wrap:anywhere] text-slate-900" data-testid="secret-field-chip-name">
        {reference.keyVaultSecretName}
      </span>
      {isNew ? <Badge tone="info">New secret, created on save</Badge> : <Badge tone="neutral">From Key Vault</Badge>}
      <span className="ml-auto flex gap-2">
        <Button ref={replaceRef} onClick={onReplace} disabled={disabled} aria-label={`Replace ${label}`} aria-describedby={describedBy}
          data-testid="secret-field-replace">
          Replace
        </Button>
        <Button onClick={onRemove} disabled={disabled} aria-label={`Remove ${label}`} aria-describedby={describedBy} data-testid="secret-field-remove">
          Remove
        </Button>
      </span>
    </div>
  );
}
