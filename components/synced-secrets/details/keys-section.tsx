"use client";

import Link from "next/link";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { SyncedSecretDetail, SyncedSecretKey } from "@/lib/schemas/synced-secret-detail";
import type { SourceWarning } from "@/lib/schemas/synced-secret-list";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/key-vault-secrets/date-time";
import { SourceWarningLine } from "../source-warning";
import { Section } from "./section";

type KeyRow = SyncedSecretKey & { warnings: SourceWarning[] };

// Module scope: Table v9 re-derives its row model whenever features or columns change identity.
const features = tableFeatures({});
const col = createColumnHelper<typeof features, KeyRow>();
const NONE = <span className="text-slate-600">—</span>;

const keyVaultHref = (name: string) => `/secrets/key-vault?${new URLSearchParams({ search: name })}`;

const columns = col.columns([
  col.accessor("targetKey", { header: "Key", cell: (info) => <span className="font-mono font-medium">{info.getValue()}</span> }),
  col.accessor("source", {
    header: "Key Vault secret",
    cell: (info) => {
      const source = info.getValue();
      if (!source?.keyVaultSecretName) {
        return <span className="text-xs text-red-800">The SecretProviderClass lists no object for file <span className="font-mono">{info.row.original.sourcePath}</span></span>;
      }
      return (
        <div className="flex flex-col items-start gap-0.5">
          <Link href={keyVaultHref(source.keyVaultSecretName)} className="font-mono text-blue-800 underline hover:text-blue-900 [overflow-wrap:anywhere]">
            {source.keyVaultSecretName}
          </Link>
          {source.fileName !== source.keyVaultSecretName ? <span className="text-xs text-slate-700">as file {source.fileName}</span> : null}
          {source.pinnedVersion ? (
            <span className="text-xs text-slate-700" data-testid="synced-secret-key-pinned">Pinned to version <span className="font-mono">{source.pinnedVersion}</span></span>
          ) : null}
        </div>
      );
    },
  }),
  col.accessor("inSecret", {
    header: "In the Secret",
    cell: (info) => <Badge tone={info.getValue() ? "success" : "neutral"}>{info.getValue() ? "Present" : "Not yet"}</Badge>,
  }),
  col.accessor("keyVaultSecret", {
    header: "In Key Vault",
    cell: (info) => {
      const kv = info.getValue();
      if (!kv) return NONE;
      return (
        <div className="flex flex-col gap-0.5 text-xs">
          <span>{kv.enabled ? "Enabled" : "Disabled"}{kv.contentType ? <> · <span className="font-mono">{kv.contentType}</span></> : null}</span>
          {kv.notBefore ? <span>Active from <DateTime value={kv.notBefore} /></span> : null}
          {kv.expiresOn ? <span>Expires <DateTime value={kv.expiresOn} /></span> : null}
          {kv.updatedOn ? <span className="text-slate-700">Updated <DateTime value={kv.updatedOn} /></span> : null}
        </div>
      );
    },
  }),
  col.accessor("warnings", {
    header: "Warnings",
    cell: (info) => info.getValue().length === 0 ? NONE : (
      <div className="flex flex-col gap-1">{info.getValue().map((w) => <SourceWarningLine key={`${w.kind}/${w.source}`} warning={w} />)}</div>
    ),
  }),
]);

/** Each key of the Secret with the Key Vault secret it comes from, what the name index knows of it, and its warnings. */
export function KeysSection({ detail }: { detail: SyncedSecretDetail }) {
  const rows: KeyRow[] = detail.keys.map((k) => ({ ...k, warnings: detail.warnings.filter((w) => w.targetKeys.includes(k.targetKey)) }));
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.targetKey });
  return (
    <Section id="synced-secret-keys" title="Keys and their Key Vault secrets" testId="synced-secret-keys">
      <DataTable
        table={table}
        caption="Keys and their Key Vault secrets"
        testId="synced-secret-keys-table"
        rowProps={(k) => ({ "data-testid": "synced-secret-key", "data-key": k.targetKey, "data-source": k.source?.keyVaultSecretName ?? "" })}
      />
    </Section>
  );
}
