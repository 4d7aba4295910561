import "server-only";
import type { Instance } from "@/lib/schemas/instance";
import type { PortalConfig } from "@/server/config/env";

/** The AIO instance the portal manages, from configuration (no live status from the cluster yet). */
export function instanceFromConfig(config: PortalConfig): Instance {
  return {
    name: config.instance.name,
    namespace: config.instance.namespace,
    keyVault: { name: config.keyVault.name, url: config.keyVault.url },
  };
}
