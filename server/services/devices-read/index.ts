import "server-only";
import type { DeviceDetail, DeviceEndpointRow, DeviceList, EndpointSyncState } from "@/lib/schemas/device-api";
import type { DeviceInboundEndpoint } from "@/lib/schemas/device";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { KubeAdapter } from "@/server/adapters/kube";
import { endpointEdgeError } from "@/server/services/devices-read/edge-error";
import { endpointReferences, endpointSyncedSecretName } from "@/server/services/devices-read/endpoint-references";
import { endpointFormValues } from "@/server/services/devices-read/endpoint-form-values";
import { secretSyncSettings } from "@/server/services/devices-read/secret-sync-settings";
import { syncStateOf } from "@/server/services/sync-state";

/** The parts of the cluster adapter the devices pages read. */
export type DevicesReadKube = Pick<KubeAdapter, "devices" | "secretSyncs" | "secretProviderClasses" | "instance">;

export interface DevicesReadService {
  /** One row per inbound endpoint (a device without endpoints gets one row). */
  list(): Promise<DeviceList>;
  /** The edit form's values, references resolved to Key Vault secret names (404 for a missing device). */
  detail(name: string): Promise<DeviceDetail>;
}

export function createDevicesReadService(deps: { kube: DevicesReadKube; now?: () => Date }): DevicesReadService {
  const { kube } = deps;
  const now = deps.now ?? (() => new Date());

  function syncOf(name: string | null, syncs: ReadonlyMap<string, SecretSync>, at: Date): EndpointSyncState | null {
    if (name === null) return null;
    const sync = syncs.get(name);
    return sync ? syncStateOf(sync, at) : { state: "missing" };
  }

  return {
    async list() {
      // One list per kind, in parallel: the join happens here, never a request per row.
      const [devices, syncList, secretSync] = await Promise.all([
        kube.devices.list(), kube.secretSyncs.list(), secretSyncSettings(kube.instance),
      ]);
      const syncs = byName(syncList);
      const at = now();
      const items = [...devices].sort((a, b) => a.name.localeCompare(b.name)).flatMap((d): DeviceEndpointRow[] => {
        const deviceEnabled = d.spec.enabled ?? true;
        const endpoints = inboundEndpoints(d.spec.endpoints?.inbound);
        if (endpoints.length === 0) {
          return [{ device: d.name, deviceEnabled, endpoint: "", address: "", endpointType: "", authenticationMethod: "",
            syncedSecretName: null, sync: null, edgeError: null }];
        }
        return endpoints.map(([endpoint, e]) => {
          const syncedSecretName = endpointSyncedSecretName(endpointReferences(e));
          return { device: d.name, deviceEnabled, endpoint, address: e.address, endpointType: e.endpointType,
            authenticationMethod: e.authentication?.method ?? "Anonymous", syncedSecretName,
            sync: syncOf(syncedSecretName, syncs, at), edgeError: endpointEdgeError(d.status, endpoint) };
        });
      });
      return { items, secretSync };
    },

    async detail(name) {
      const [device, syncList, classList, secretSync] = await Promise.all([
        kube.devices.get(name), kube.secretSyncs.list(), kube.secretProviderClasses.list(), secretSyncSettings(kube.instance),
      ]);
      const syncs = byName(syncList);
      const classes = byName<SecretProviderClass>(classList);
      const at = now();
      return {
        name: device.name,
        resourceVersion: device.resourceVersion,
        manufacturer: device.spec.manufacturer ?? "",
        model: device.spec.model ?? "",
        enabled: device.spec.enabled ?? true,
        endpoints: inboundEndpoints(device.spec.endpoints?.inbound).map(([endpoint, e]) => {
          const values = endpointFormValues(endpoint, e, syncs, classes);
          return { ...values, sync: syncOf(values.syncedSecretName || null, syncs, at),
            edgeError: endpointEdgeError(device.status, endpoint) };
        }),
        secretSync,
      };
    },
  };
}

function inboundEndpoints(inbound: Record<string, DeviceInboundEndpoint> | undefined): [string, DeviceInboundEndpoint][] {
  return Object.entries(inbound ?? {});
}

function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}
