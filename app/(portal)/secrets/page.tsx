import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { PageHeader } from "@/components/shell/page-header";
import { SyncedSecretsLoading } from "@/components/synced-secrets/list-states";
import { SyncedSecretsView } from "@/components/synced-secrets/synced-secrets-view";

export const metadata: Metadata = { title: "Secrets" };

export default function SyncedSecretsPage() {
  return (
    <>
      <PageHeader title="Secrets">
        The secrets synced from the instance&apos;s Azure Key Vault into the cluster (SecretSync resources): which Key
        Vault secrets fill which keys, the devices and data flow endpoints that use them, and whether the last sync
        worked. Values are never shown.
      </PageHeader>
      <p className="mb-4 text-sm text-slate-700">
        The secrets themselves live in Key Vault:{" "}
        <Link href="/secrets/key-vault" className="font-medium text-blue-800 underline hover:text-blue-900" data-testid="link-key-vault-secrets">
          Key Vault secrets
        </Link>
        .
      </p>
      <ReadOnlyNotice what="synced secrets" />
      {/* The view reads its search, filters and sort from the URL, which only exist in the browser for a static page. */}
      <Suspense fallback={<SyncedSecretsLoading />}>
        <SyncedSecretsView />
      </Suspense>
    </>
  );
}
