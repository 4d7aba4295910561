import type { SyncedSecretCreator } from "@/lib/schemas/synced-secret-list";

/** Who made a SecretSync, in words: the portal, or the field manager that created it (kubectl, the Azure CLI…). */
export function creatorInWords(c: SyncedSecretCreator): string {
  if (c.kind === "portal") return "Ops Portal";
  return c.fieldManager ? `another tool (${c.fieldManager})` : "another tool";
}
