import "server-only";
import { EVENT_HUB_USERNAME_VAULT_SECRET } from "@/lib/schemas/dataflow-endpoint-form";
import type { EndpointSaveKube, EndpointSaveVault } from "@/server/services/endpoint-save/deps";
import { readSecretsState } from "@/server/services/endpoint-save/read-state";
import type { SaveState } from "./model";
import { endpointSlots, formSlots } from "./references";
import type { SaveDataflowEndpointRequest } from "./types";

/**
 * Step 0: the secret part every endpoint save reads, the endpoint itself, and (Event Hubs / Fabric RTI SASL) the
 * shared `$ConnectionString` Key Vault secret, live or deleted, in parallel. The endpoint itself is the list's copy
 * (step 0 lists every endpoint anyway; a GET of it would be one more call of the same age).
 */
export async function readSaveState(kube: EndpointSaveKube, vault: EndpointSaveVault, request: SaveDataflowEndpointRequest):
  Promise<SaveState> {
  const slots = endpointSlots(request);
  const shared = slots.some((s) => s.shared);
  const secrets = await readSecretsState(kube, vault, formSlots(slots),
    { extraNewNames: shared ? [EVENT_HUB_USERNAME_VAULT_SECRET] : [] });
  return { ...secrets, endpoint: secrets.dataflowEndpoints.find((e) => e.name === request.name) ?? null };
}
