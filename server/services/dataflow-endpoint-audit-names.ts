import "server-only";
import {
  dataflowFormReferences, EVENT_HUB_USERNAME_VAULT_SECRET, usesConnectionString, type DataflowEndpointForm,
} from "@/lib/schemas/dataflow-endpoint-form";

/**
 * What a data flow endpoint save names before it runs, for its audit intent: the endpoint, its synced secret and
 * the Key Vault secrets its method names (with the shared `$ConnectionString` one for Event Hubs and Fabric RTI),
 * in the resource names the save's outcome uses. Names only: a new secret's value is never read here.
 */
export function dataflowEndpointSaveNames(form: DataflowEndpointForm): string[] {
  const names = [`dataflowendpoints/${form.name}`];
  const references = dataflowFormReferences(form);
  if (references.length > 0) names.push(`secretsyncs/${form.syncedSecretName}`);
  if (form.endpointType === "Kafka" && form.authentication.method === "Sasl" && usesConnectionString(form.hostType)) {
    names.push(`keyvault/secrets/${EVENT_HUB_USERNAME_VAULT_SECRET}`);
  }
  for (const r of references) names.push(`keyvault/secrets/${r.reference.keyVaultSecretName}`);
  return [...new Set(names)];
}

/** What a data flow endpoint delete names before it runs: the endpoint and the synced secrets asked to go with it. */
export function dataflowEndpointDeleteNames(name: string, deleteSyncedSecrets: readonly string[]): string[] {
  return [`dataflowendpoints/${name}`, ...deleteSyncedSecrets.map((s) => `secretsyncs/${s}`)];
}
