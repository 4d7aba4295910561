import "server-only";
import type { DataflowEndpointDeletePlan } from "@/lib/schemas/dataflow-endpoint-api";
import { AIO_DEFAULT_DATAFLOW_ENDPOINT } from "@/lib/schemas/dataflow-endpoint-form";
import { AppError } from "@/server/errors";
import { deleteInSteps, syncedSecretDeleteEntry } from "@/server/services/endpoint-save/delete-steps";
import type { EndpointSaveDeps } from "@/server/services/endpoint-save/deps";
import { readDefaultSpc } from "@/server/services/endpoint-save/read-state";
import { dataflowEndpointReferences, deviceReferences } from "@/server/services/synced-secret-users";

/** Why AIO's own endpoint to the local broker is never deleted (data flows of the instance depend on it). */
export const DEFAULT_ENDPOINT_DELETE_REFUSAL = `'${AIO_DEFAULT_DATAFLOW_ENDPOINT}' is Azure IoT Operations' own endpoint to ` +
  "the local MQTT broker, which the instance's data flows use; it can be edited, never deleted.";

/**
 * Deleting a data flow endpoint, and with it the synced secrets only it named (the steps are every endpoint
 * delete's, endpoint-save/delete-steps.ts). Key Vault secrets are never deleted. AIO's `default` is refused (409).
 */
export async function planDataflowEndpointDelete(deps: EndpointSaveDeps, name: string): Promise<DataflowEndpointDeletePlan> {
  return (await readDeleteState(deps, name)).plan;
}

export async function deleteDataflowEndpoint(deps: EndpointSaveDeps, name: string, o: { deleteSyncedSecrets: string[] }):
  Promise<{ touched: string[] }> {
  const state = await readDeleteState(deps, name);
  return deleteInSteps(deps, { kind: "DataflowEndpoint", what: "data flow endpoint", plural: "dataflowendpoints", name,
    current: state.endpoint, remove: (n, p) => deps.kube.dataflowEndpoints.delete(n, p),
    syncedSecrets: state.plan.syncedSecrets, requested: o.deleteSyncedSecrets, defaultSpcName: state.defaultSpcName,
    spc: state.spc, secretSyncs: state.secretSyncs });
}

async function readDeleteState(deps: EndpointSaveDeps, name: string) {
  if (name === AIO_DEFAULT_DATAFLOW_ENDPOINT) throw new AppError("conflict", DEFAULT_ENDPOINT_DELETE_REFUSAL);
  const { kube } = deps;
  const { instance, spc: spcRead } = readDefaultSpc(kube);
  const [endpoint, i, spc, secretSyncs, devices, endpoints] = await Promise.all([
    kube.dataflowEndpoints.get(name), instance, spcRead, kube.secretSyncs.list(), kube.devices.list(), kube.dataflowEndpoints.list(),
  ]);
  const defaultSpcName = i.defaultSecretProviderClass?.name ?? null;
  const names = [...new Set(dataflowEndpointReferences(name, endpoint.spec).map((r) => r.secretName))];
  const flows = endpoints.filter((e) => e.name !== name).flatMap((e) => dataflowEndpointReferences(e.name, e.spec));
  const deviceRefs = devices.flatMap((d) => deviceReferences(d.name, d.spec));
  const plan: DataflowEndpointDeletePlan = {
    endpoint: name,
    syncedSecrets: names.map((s) => syncedSecretDeleteEntry(s, { secretSyncs, defaultSpcName,
      otherDevices: deviceRefs.filter((r) => r.secretName === s).map((r) => r.user.name),
      otherDataflowEndpoints: flows.filter((r) => r.secretName === s).map((r) => r.user.name) })),
  };
  return { plan, endpoint, defaultSpcName, spc: spc && spc.objectsProblem === null ? spc : null, secretSyncs };
}
