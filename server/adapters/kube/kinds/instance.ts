import "server-only";
import type { InstanceSettings } from "@/lib/schemas/instance-settings";
import type { PortalConfig } from "@/server/config/env";
import type { CustomKind, CustomResources } from "@/server/adapters/kube/custom-resources";
import { record, str } from "@/server/adapters/kube/wire";

/**
 * Where the instance's settings come from. In Azure the instance lives only in ARM (`Microsoft.IoTOperations/
 * instances`) and the cluster may have no object that names its default SecretProviderClass: there the
 * configuration names it (AIO_DEFAULT_SPC, {@link configuredInstanceSource}); reading it from ARM comes later. The
 * local stack mirrors the ARM properties in its `Instance` object (iotoperations.azure.com/v1), which
 * {@link clusterInstanceSource} reads.
 */
export interface InstanceSource {
  get(): Promise<InstanceSettings>;
}

export const INSTANCE: CustomKind = { group: "iotoperations.azure.com", version: "v1", plural: "instances", kind: "Instance" };

export function clusterInstanceSource(resources: CustomResources, namespace: string, name: string): InstanceSource {
  return {
    async get() {
      const o = await resources.get(name);
      const spec = record(o.spec);
      const status = record(o.status);
      const resourceId = str(record(spec.defaultSecretProviderClassRef).resourceId);
      // The ARM reference (what Azure keeps) names the class by resource id; its last segment is the cluster object's
      // name. The stand-in's plain name field is only a fallback, so a ref edited alone is never shadowed by it.
      const spcName = resourceId?.split("/").filter(Boolean).at(-1) ?? str(spec.defaultSecretProviderClassName) ?? null;
      return {
        name: o.metadata.name,
        namespace: o.metadata.namespace ?? namespace,
        description: str(spec.description),
        defaultSecretProviderClass: spcName ? { name: spcName, resourceId } : null,
        provisioningState: str(status.provisioningState),
        version: str(status.version),
      };
    },
  };
}

/** The settings the configuration gives (AIO_DEFAULT_SPC): nothing is read, so nothing else is known. */
export function configuredInstanceSource(instance: { name: string; namespace: string }, defaultSpcName: string): InstanceSource {
  const settings: InstanceSettings = {
    name: instance.name,
    namespace: instance.namespace,
    description: null,
    defaultSecretProviderClass: { name: defaultSpcName, resourceId: null },
    provisioningState: null,
    version: null,
  };
  return { get: async () => structuredClone(settings) };
}

/**
 * The instance source the configuration asks for: {@link configuredInstanceSource} when AIO_DEFAULT_SPC is set,
 * else undefined (the adapter reads the cluster's `Instance` object).
 */
export function instanceSourceFor(config: Pick<PortalConfig, "instance">): InstanceSource | undefined {
  const { defaultSecretProviderClass: spc, ...instance } = config.instance;
  return spc === undefined ? undefined : configuredInstanceSource(instance, spc);
}
