import "server-only";
import { endpointReferences, type InboundEndpointForm } from "@/lib/schemas/device-form";

/**
 * What a device save names before it runs, for its audit intent: the device, each endpoint's synced secret and the
 * Key Vault secrets its references name, in the resource names the save's outcome uses. Names only: a new secret's
 * value is in the same reference and is never read here.
 */
export function deviceSaveNames(form: { name: string; endpoints: readonly Pick<InboundEndpointForm, "authentication" | "trustList" | "syncedSecretName">[] }): string[] {
  const names = [`devices/${form.name}`];
  for (const endpoint of form.endpoints) {
    const references = endpointReferences(endpoint);
    if (references.length === 0) continue;
    names.push(`secretsyncs/${endpoint.syncedSecretName}`);
    for (const r of references) names.push(`keyvault/secrets/${r.reference.keyVaultSecretName}`);
  }
  return [...new Set(names)];
}

/** What a device delete names before it runs: the device and the synced secrets asked to go with it. */
export function deviceDeleteNames(name: string, deleteSyncedSecrets: readonly string[]): string[] {
  return [`devices/${name}`, ...deleteSyncedSecrets.map((s) => `secretsyncs/${s}`)];
}
