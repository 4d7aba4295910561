import "server-only";
import type { DataflowEndpointDetail, DataflowEndpointList, DataflowEndpointRow } from "@/lib/schemas/dataflow-endpoint-api";
import { AIO_DEFAULT_DATAFLOW_ENDPOINT } from "@/lib/schemas/dataflow-endpoint-form";
import { dataflowTypeLabel } from "@/lib/schemas/dataflow-endpoint-labels";
import type { EndpointSyncState } from "@/lib/schemas/device-api";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { KubeAdapter } from "@/server/adapters/kube";
import { DEFAULT_ENDPOINT_DELETE_REFUSAL } from "@/server/services/dataflow-endpoint-save/delete";
import { isEndpointType, SETTINGS_BLOCK } from "@/server/services/dataflow-endpoint-spec/blocks";
import { objectAt, text } from "@/server/services/dataflow-endpoint-spec/object-at";
import { secretSyncSettings } from "@/server/services/devices-read/secret-sync-settings";
import { syncStateOf } from "@/server/services/sync-state";
import { dataflowEndpointReferences } from "@/server/services/synced-secret-users";
import { dataflowFormValues } from "./form-values";

/** The parts of the cluster adapter the data flow endpoint pages read. */
export type DataflowEndpointsReadKube = Pick<KubeAdapter, "dataflowEndpoints" | "secretSyncs" | "secretProviderClasses" | "instance">;

export interface DataflowEndpointsReadService {
  /** One row per endpoint, with its synced secret's sync state. */
  list(): Promise<DataflowEndpointList>;
  /** The edit form's values, references resolved to Key Vault secret names (404 for a missing endpoint). */
  detail(name: string): Promise<DataflowEndpointDetail>;
}

export function createDataflowEndpointsReadService(deps: { kube: DataflowEndpointsReadKube; now?: () => Date }):
  DataflowEndpointsReadService {
  const { kube } = deps;
  const now = deps.now ?? (() => new Date());

  function syncOf(name: string | null, syncs: ReadonlyMap<string, SecretSync>, at: Date): EndpointSyncState | null {
    if (name === null || name === "") return null;
    const sync = syncs.get(name);
    return sync ? syncStateOf(sync, at) : { state: "missing" };
  }

  return {
    async list() {
      // One list per kind, in parallel: the join happens here, never a request per row.
      const [endpoints, syncList, secretSync] = await Promise.all([
        kube.dataflowEndpoints.list(), kube.secretSyncs.list(), secretSyncSettings(kube.instance),
      ]);
      const syncs = byName(syncList);
      const at = now();
      const items = [...endpoints].sort((a, b) => a.name.localeCompare(b.name)).map((e): DataflowEndpointRow => {
        const block = isEndpointType(e.spec.endpointType) ? objectAt(e.spec, SETTINGS_BLOCK[e.spec.endpointType]) : {};
        const syncedSecretName = dataflowEndpointReferences(e.name, e.spec)[0]?.secretName ?? null;
        return {
          name: e.name,
          endpointType: e.spec.endpointType,
          hostType: e.spec.hostType ?? null,
          typeLabel: dataflowTypeLabel(e.spec.endpointType, e.spec.hostType),
          host: text(block.host) || text(block.persistentVolumeClaimRef),
          authenticationMethod: text(objectAt(block, "authentication").method),
          syncedSecretName,
          sync: syncOf(syncedSecretName, syncs, at),
          deletable: e.name !== AIO_DEFAULT_DATAFLOW_ENDPOINT,
        };
      });
      return { items, secretSync };
    },

    async detail(name) {
      const [endpoint, syncList, classList, secretSync] = await Promise.all([
        kube.dataflowEndpoints.get(name), kube.secretSyncs.list(), kube.secretProviderClasses.list(), secretSyncSettings(kube.instance),
      ]);
      const syncs = byName(syncList);
      const read = dataflowFormValues(endpoint.name, endpoint.spec, syncs, byName<SecretProviderClass>(classList));
      const status = endpoint.status ?? {};
      const isDefault = endpoint.name === AIO_DEFAULT_DATAFLOW_ENDPOINT;
      return {
        name: endpoint.name,
        resourceVersion: endpoint.resourceVersion,
        values: read.values,
        notEditable: read.notEditable,
        sync: syncOf(read.values.syncedSecretName, syncs, now()),
        unresolved: read.unresolved,
        deletable: !isDefault,
        deleteRefusal: isDefault ? DEFAULT_ENDPOINT_DELETE_REFUSAL : null,
        provisioningState: text(status.provisioningState) || null,
        healthState: text(status.healthState) || null,
        secretSync,
      };
    },
  };
}

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}
