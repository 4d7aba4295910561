import "server-only";
import type { EndpointSaveDeps } from "@/server/services/endpoint-save/deps";
import { deleteDataflowEndpoint, planDataflowEndpointDelete } from "./delete";
import { saveDataflowEndpoint } from "./save";
import type { DataflowEndpointSaveService } from "./types";

export type { DataflowEndpointSaveService, SaveDataflowEndpointRequest } from "./types";

/**
 * The data flow endpoint save pipeline (docs/endpoint-secrets.md): create, edit and delete a DataflowEndpoint
 * together with the Key Vault secrets, default SecretProviderClass objects and the synced secret its method needs.
 * The steps are every endpoint save's (server/services/endpoint-save).
 */
export function createDataflowEndpointSaveService(deps: EndpointSaveDeps): DataflowEndpointSaveService {
  return {
    save: (request, o) => saveDataflowEndpoint(deps, request, o),
    planDelete: (name) => planDataflowEndpointDelete(deps, name),
    delete: (name, o) => deleteDataflowEndpoint(deps, name, o),
  };
}
