import type { ApiProblem } from "@/lib/api/client";
import { ListEmpty, ListError, ListLoading } from "@/components/ui/list-states";

export function LoadingRows({ rows = 8 }: { rows?: number }) {
  return <ListLoading testId="kv-secrets" label="Loading secrets…" rows={rows} columns={6} />;
}

export function EmptyState({ search, indexFilling }: { search: string; indexFilling: boolean }) {
  return (
    <ListEmpty testId="kv-secrets" title={search ? `No secret names contain “${search}”` : "This Key Vault has no secrets yet"}>
      {search
        ? indexFilling
          ? "The vault is still being indexed; try again in a moment."
          : "Search matches any part of the name, ignoring case."
        : "Secrets created in the vault appear here, with their attributes and tags — never their values."}
    </ListEmpty>
  );
}

export function ErrorState(props: { problem: ApiProblem | Error; onRetry: () => void; retrying: boolean }) {
  return <ListError testId="kv-secrets" what="the Key Vault secrets" {...props} />;
}
