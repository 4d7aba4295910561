import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { PortalConfig } from "@/server/config/env";

/** The AIO instance the portal manages, from configuration (the cluster adds live status in a later issue). */
export function instanceFromConfig(config: PortalConfig): Instance {
  return {
    name: config.instance.name,
    namespace: config.instance.namespace,
    keyVault: { name: config.keyVault.name, url: config.keyVault.url },
  };
}
