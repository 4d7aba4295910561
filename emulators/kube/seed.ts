import { createHash } from "node:crypto";
import { instanceKind, namespaceKind } from "./kinds";
import type { KubeStore } from "./store";

/**
 * The demo cluster's identity: what endpoints.json publishes as `instance` and what the portal shows. Names stay
 * stable across releases (scripts and docs quote them). The subscription is a placeholder: nothing calls ARM.
 */
export const DEMO_INSTANCE = {
  name: "aio-demo",                          // = scripts/portal-env.ts DEMO_INSTANCE_NAME
  namespace: "azure-iot-operations",
  cluster: "aio-demo-cluster",
  resourceGroup: "aio-demo-rg",
  subscriptionId: "00000000-0000-0000-0000-000000000000",
} as const;

export type InstanceInfo = Pick<typeof DEMO_INSTANCE, "name" | "namespace" | "cluster" | "resourceGroup">;

/**
 * Name of the instance's default SecretProviderClass as `az iot ops secretsync enable` derives it (domain.md §1.4):
 * "spc-ops-" + the first 7 hex characters of sha256("<cluster>-<resourceGroup>-<instance>").
 */
export function defaultSecretProviderClassName(
  i: { cluster: string; resourceGroup: string; name: string } = DEMO_INSTANCE): string {
  return `spc-ops-${createHash("sha256").update(`${i.cluster}-${i.resourceGroup}-${i.name}`).digest("hex").slice(0, 7)}`;
}

export function armResourceId(provider: string, name: string): string {
  return `/subscriptions/${DEMO_INSTANCE.subscriptionId}/resourceGroups/${DEMO_INSTANCE.resourceGroup}/providers/${provider}/${name}`;
}

/**
 * On an empty store only: the namespaces a fresh cluster has (`default`) plus the AIO namespace, and the `Instance`
 * (secret sync not yet enabled: the default SecretProviderClass and the rest of the demo come from emulators/seed-demo.ts).
 */
export async function seedCluster(store: KubeStore): Promise<boolean> {
  if (store.list(namespaceKind, { limit: 1 }).items.length > 0) return false;
  for (const name of ["default", DEMO_INSTANCE.namespace]) {
    await store.create(namespaceKind, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  const created = await store.create(instanceKind, {
    apiVersion: `${instanceKind.group}/${instanceKind.version}`,
    kind: instanceKind.kind,
    metadata: { name: DEMO_INSTANCE.name, namespace: DEMO_INSTANCE.namespace },
    spec: {
      description: "Azure IoT Operations instance of the local stack",
      schemaRegistryRef: { resourceId: armResourceId("Microsoft.DeviceRegistry/schemaRegistries", `${DEMO_INSTANCE.name}-schemas`) },
      adrNamespaceRef: { resourceId: armResourceId("Microsoft.DeviceRegistry/namespaces", `${DEMO_INSTANCE.name}-devices`) },
    },
  });
  await store.update(instanceKind, { ...created, status: { provisioningState: "Succeeded", healthState: "Available" } },
    { subresource: "status" });
  return true;
}
