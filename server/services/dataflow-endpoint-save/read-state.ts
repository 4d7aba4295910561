import "server-only";
import { EVENT_HUB_USERNAME_VAULT_SECRET } from "@/lib/schemas/dataflow-endpoint-form";
import type { EndpointSaveKube, EndpointSaveVault } from "@/server/services/endpoint-save/deps";
import { orNull, readSecretsState } from "@/server/services/endpoint-save/read-state";
import type { SaveState } from "./model";
import { endpointSlots, formSlots } from "./references";
import type { SaveDataflowEndpointRequest } from "./types";

/**
 * Step 0: the secret part every endpoint save reads, the endpoint itself, and (Event Hubs / Fabric RTI SASL) the
 * shared `$ConnectionString` Key Vault secret, live or deleted, in parallel.
 */
export async function readSaveState(kube: EndpointSaveKube, vault: EndpointSaveVault, request: SaveDataflowEndpointRequest):
  Promise<SaveState> {
  const slots = endpointSlots(request);
  const shared = slots.some((s) => s.shared);
  const [secrets, endpoint] = await Promise.all([
    readSecretsState(kube, vault, formSlots(slots), { extraNewNames: shared ? [EVENT_HUB_USERNAME_VAULT_SECRET] : [] }),
    orNull(kube.dataflowEndpoints.get(request.name)),
  ]);
  return { ...secrets, endpoint };
}
