import type { Metadata } from "next";
import { Suspense } from "react";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { PageHeader } from "@/components/shell/page-header";
import { KeyVaultSecretsView } from "@/components/key-vault-secrets/key-vault-secrets-view";
import { LoadingRows } from "@/components/key-vault-secrets/list-states";

export const metadata: Metadata = { title: "Key Vault secrets" };

export default function KeyVaultSecretsPage() {
  return (
    <>
      <PageHeader title="Key Vault secrets">
        The secrets stored in the instance&apos;s Azure Key Vault: names, content type, status, expiry and tags. Values
        are never shown here; they go one way, from you to the vault.
      </PageHeader>
      <ReadOnlyNotice what="the vault's secrets" />
      {/* The view reads the URL's search params, which only exist in the browser for a static page. */}
      <Suspense fallback={<LoadingRows />}>
        <KeyVaultSecretsView />
      </Suspense>
    </>
  );
}
