"use client";

import { useQuery } from "@tanstack/react-query";
import { isApiProblem } from "@/lib/api/client";
import { secretNameAvailabilityQuery } from "@/lib/queries/key-vault-picker";
import { keyVaultSecretName } from "@/lib/schemas/key-vault-secret";
import { useDebouncedValue } from "./use-debounced-value";

export type NameCheck =
  | { state: "empty" }
  | { state: "invalid"; message: string }
  | { state: "checking" }
  | { state: "available" }
  | { state: "exists"; message: string }
  | { state: "deleted"; message: string }
  | { state: "error"; message: string; retry: () => void };

/** Asks the vault once typing pauses: a name is refused as you type, not when the form is saved. */
const ASK_AFTER_MS = 400;

/**
 * A *Create new secret* name, checked against Key Vault's naming rule at once and against the vault itself
 * (`GET /api/key-vault/secrets/{name}/availability`) after a pause. Only an `available` name may be added.
 */
export function useNameAvailability(name: string): NameCheck {
  const settled = useDebouncedValue(name, ASK_AFTER_MS);
  const rule = keyVaultSecretName.safeParse(name);
  const ask = rule.success && settled === name;
  const query = useQuery({ ...secretNameAvailabilityQuery(settled), enabled: ask });

  if (name === "") return { state: "empty" };
  if (!rule.success) return { state: "invalid", message: rule.error.issues[0]?.message ?? "Not a valid Key Vault secret name" };
  if (!ask || query.isPending) return { state: "checking" };
  if (query.isError) {
    const detail = isApiProblem(query.error) ? query.error.detail || query.error.title : query.error.message;
    return { state: "error", message: `Could not ask Key Vault whether the name is free: ${detail}`, retry: () => void query.refetch() };
  }
  const answer = query.data;
  switch (answer.state) {
    case "available":
      return { state: "available" };
    case "exists":
      return { state: "exists", message: answer.message ?? `Key Vault already has a secret named '${answer.name}'. To use it, add it from Azure Key Vault.` };
    case "deleted":
      return { state: "deleted", message: answer.message ??
        `A deleted secret that has not been purged holds the name '${answer.name}'. Recover or purge it in Key Vault, or choose another name.` };
  }
}
