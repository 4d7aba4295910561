import "server-only";
import { deviceSpec, type DeviceSpec } from "@/lib/schemas/device";
import type { CustomKind, CustomResources } from "@/server/adapters/kube/custom-resources";
import { specResourceAdapter, type SpecResourceAdapter } from "@/server/adapters/kube/kinds/spec-resource";

/** Device Registry's cluster projection of `Microsoft.DeviceRegistry/namespaces/devices` (domain.md §3.2). */
export const DEVICE: CustomKind = {
  group: "namespaces.deviceregistry.microsoft.com", version: "v1", plural: "devices", kind: "Device",
};

export type DevicesAdapter = SpecResourceAdapter<DeviceSpec>;

export const devicesAdapter = (resources: CustomResources, namespace: string): DevicesAdapter =>
  specResourceAdapter(resources, DEVICE, namespace, deviceSpec);
