import type { Metadata } from "next";
import { ReadOnlyNotice } from "@/components/auth/read-only-notice";
import { PageHeader } from "@/components/shell/page-header";
import { SyncedSecretDetails } from "@/components/synced-secrets/details/synced-secret-details";

type Params = { params: Promise<{ name: string }> };

/** The segment as typed; a malformed escape is left as it is (no synced secret has such a name: the page says so). */
function syncedSecretName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: `Synced secret ${syncedSecretName(name)}` };
}

export default async function SyncedSecretPage({ params }: Params) {
  const name = syncedSecretName((await params).name);
  return (
    <>
      <PageHeader title={`Synced secret ${name}`}>
        Where each key of the Kubernetes Secret comes from in Key Vault, whether the last sync worked and why not, and
        who uses it. Values are never shown.
      </PageHeader>
      <ReadOnlyNotice what="synced secrets" />
      <SyncedSecretDetails key={name} name={name} />
    </>
  );
}
