import type { Metadata } from "next";
import Link from "next/link";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Secrets" };

export default function SyncedSecretsPage() {
  return (
    <>
      <NotBuiltYet
        title="Secrets"
        purpose="The secrets synced from Azure Key Vault to the cluster (SecretSync resources), the endpoints that use them, and their sync status."
        comesWith="the Secret Store sync controller and the cluster stand-in (issues 4–6)"
      />
      <p className="mt-4 text-sm text-slate-700">
        The secrets stored in the instance&apos;s Key Vault are listed now under{" "}
        <Link href="/secrets/key-vault" className="font-medium text-blue-800 underline hover:text-blue-900">
          Key Vault secrets
        </Link>
        .
      </p>
    </>
  );
}
