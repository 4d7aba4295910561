"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useId, useMemo, useState } from "react";
import type { CertificateRole } from "@/lib/pem/certificate-role";
import { keyVaultSecretsQuery } from "@/lib/queries/key-vault-secrets";
import type { ExistingSecretReference } from "@/lib/schemas/secret-reference";
import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";
import { IndexStatus } from "@/components/key-vault-secrets/index-status";
import { Pager } from "@/components/key-vault-secrets/pager";
import { DialogFooter } from "./dialog-footer";
import { PickerTable } from "./picker-table";
import { useDebouncedValue } from "./use-debounced-value";

const PAGE_SIZE = 10;
const SEARCH_AFTER_MS = 300;

/**
 * *Add from Azure Key Vault*: a searchable, paged list of the vault's secrets (the portal's name index, as on the
 * Key Vault page, sharing its cache). Only names and attributes are listed; the reference names the secret and
 * always uses its latest version.
 */
export function KeyVaultPicker({ search, onSearchChange, certificateRole, onAdd, onCancel }: {
  /** The search text; the dialog holds it so *Create new secret* can send the operator here with a name. */
  search: string;
  onSearchChange: (next: string) => void;
  certificateRole?: CertificateRole;
  onAdd: (reference: ExistingSecretReference) => void;
  onCancel: () => void;
}) {
  const group = useId();
  const term = useDebouncedValue(search.trim(), SEARCH_AFTER_MS);
  // Forward-only cursors: the trail of the pages seen for this search is what makes "Previous" possible.
  const [trail, setTrail] = useState({ term, cursors: [""] });
  if (trail.term !== term) setTrail({ term, cursors: [""] }); // a new search starts at page 1
  const cursors = trail.term === term ? trail.cursors : [""];
  const cursor = cursors[cursors.length - 1] ?? "";
  const [selected, setSelected] = useState<string | null>(null);

  const query = useQuery(keyVaultSecretsQuery({ search: term, cursor, pageSize: PAGE_SIZE }));
  const { data, error, isPending, isFetching, isPlaceholderData, refetch, dataUpdatedAt } = query;
  // Judge expiry against the time the page was fetched, so whether a row can be chosen does not flicker.
  const now = useMemo(() => new Date(dataUpdatedAt || 0), [dataUpdatedAt]);
  const onSelect = useCallback((name: string) => setSelected(name), []);

  return (
    <div className="flex flex-col gap-3" data-testid="key-vault-picker">
      <p className="text-sm text-slate-700">
        Only the latest version of the secret is used. Disabled, expired and not yet active secrets are listed but cannot be
        chosen: Key Vault would not hand out their value.
        {certificateRole ? " Choose a secret that holds PEM text (content type usually application/x-pem-file)." : null}
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${group}-search`} className="text-sm font-medium text-slate-800">Search by name</label>
          <input
            id={`${group}-search`}
            type="search"
            value={search}
            onChange={(e) => onSearchChange(e.target.value)}
            placeholder="e.g. opc"
            autoComplete="off"
            spellCheck={false}
            data-testid="kv-picker-search"
            className="w-72 rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-700 focus-visible:outline-2 focus-visible:outline-blue-700"
          />
        </div>
        {data ? <IndexStatus index={data.index} /> : null}
      </div>

      {isPending ? (
        <ListLoading testId="kv-picker" label="Loading Key Vault secrets…" rows={4} columns={5} />
      ) : !data ? (
        <ListError testId="kv-picker" what="the Key Vault secrets" problem={error ?? new Error("No answer")} onRetry={() => void refetch()} retrying={isFetching} />
      ) : data.items.length === 0 ? (
        <ListEmpty testId="kv-picker" title={term ? `No secret names contain “${term}”` : "This Key Vault has no secrets yet"}>
          {term ? "Search matches any part of the name, ignoring case." : "Create a new secret instead."}
        </ListEmpty>
      ) : (
        <>
          <PickerTable
            rows={data.items}
            caption={term ? `Key Vault secrets whose name contains “${term}”` : "Key Vault secrets"}
            stale={isPlaceholderData}
            group={group}
            selected={selected}
            onSelect={onSelect}
            now={now}
          />
          <Pager
            page={cursors.length}
            rowsOnPage={isPlaceholderData ? 0 : data.items.length}
            pageSize={PAGE_SIZE}
            hasPrevious={cursors.length > 1}
            nextCursor={isPlaceholderData ? null : data.nextCursor}
            busy={isPlaceholderData}
            onPrevious={() => setTrail({ term, cursors: cursors.slice(0, -1) })}
            onNext={(next) => setTrail({ term, cursors: [...cursors, next] })}
          />
        </>
      )}
      {selected ? (
        <p className="text-sm text-slate-800" data-testid="kv-picker-selected">
          Chosen: <span className="font-mono font-medium">{selected}</span>
        </p>
      ) : null}
      <DialogFooter
        blocker={selected ? null : "Choose a secret"}
        onCancel={onCancel}
        onAdd={() => selected && onAdd({ source: "existing", keyVaultSecretName: selected })}
      />
    </div>
  );
}
