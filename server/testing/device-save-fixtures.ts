import type { InboundEndpointForm } from "@/lib/schemas/device-form";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { createDeviceSaveService } from "@/server/services/device-save";
import type { SaveDeviceRequest } from "@/server/services/device-save/types";
import { createFakeCluster, type FakeCluster } from "@/server/testing/fake-cluster";
import { createFakeKeyVault, type FakeKeyVault } from "@/server/testing/fake-key-vault";

/** A fake cluster and vault around the device save service, with the demo's shape: default SPC, portal labels. */
export const SPC = "spc-ops-test";
export const KEY = "6f1d3f8e-1111-4a2b-9c3d-000000000001";
export const KEY2 = "6f1d3f8e-2222-4a2b-9c3d-000000000002";
export const PORTAL = { "app.kubernetes.io/managed-by": "ops-portal" };
/** A value that must never come out of the service. */
export const VALUE = "Sup3r-S3cret-Value-7d1e";

export interface Harness {
  cluster: FakeCluster;
  vault: FakeKeyVault;
  service: ReturnType<typeof createDeviceSaveService>;
  now: { value: Date };
  written: string[];
}

export function harness(o: { vaultNames?: string[]; graceSeconds?: number; objects?: string[]; lastUsed?: Record<string, string> } = {}): Harness {
  const cluster = createFakeCluster({ defaultSpc: SPC });
  putSpc(cluster, SPC, o.objects ?? [], o.lastUsed);
  const vault = createFakeKeyVault(o.vaultNames ?? ["kafka-user", "kafka-pass", "opc-user", "opc-pass"]);
  const now = { value: new Date("2026-11-02T10:00:00.000Z") };
  const written: string[] = [];
  const service = createDeviceSaveService({ kube: cluster.kube, vault, graceSeconds: o.graceSeconds ?? 600,
    now: () => now.value, onVaultSecretWritten: (s) => written.push(s.name) });
  return { cluster, vault, service, now, written };
}

export function putSpc(cluster: FakeCluster, name: string, objects: string[], lastUsed?: Record<string, string>,
  extra: string[] = []) {
  const items = [...objects.map((n) => `  - |\n    objectName: ${n}\n    objectType: secret\n`), ...extra];
  return cluster.put("secretproviderclasses", { apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass",
    metadata: { name, ...(lastUsed && { annotations: { "ops-portal.azure.com/objects-last-used": JSON.stringify(lastUsed) } }) },
    spec: { provider: "azure", parameters: { keyvaultName: "fake-kv", tenantId: "t", clientID: "c",
      objects: items.length > 0 ? `array:\n${items.join("")}` : "" } } });
}

export function putSecretSync(cluster: FakeCluster, name: string, data: [string, string][],
  o: { spc?: string; portal?: boolean; manager?: string; annotations?: Record<string, string> } = {}) {
  return cluster.put("secretsyncs", { apiVersion: "secret-sync.x-k8s.io/v1alpha1", kind: "SecretSync",
    metadata: { name, ...(o.portal !== false && { labels: PORTAL }), ...(o.annotations && { annotations: o.annotations }) },
    spec: { secretProviderClassName: o.spc ?? SPC, serviceAccountName: "aio-ssc-sa", secretSyncControllerName: "",
      secretObject: { type: "Opaque", data: data.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })) } } },
  o.manager);
}

export function putDevice(cluster: FakeCluster, name: string, inbound: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return cluster.put("devices", { apiVersion: "namespaces.deviceregistry.microsoft.com/v1", kind: "Device",
    metadata: { name }, spec: { enabled: true, endpoints: { inbound }, ...extra } });
}

export function putDataflowEndpoint(cluster: FakeCluster, name: string, secretRef: string) {
  return cluster.put("dataflowendpoints", { apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint",
    metadata: { name }, spec: { endpointType: "Kafka", kafkaSettings: { host: "k:9093",
      authentication: { method: "Sasl", saslSettings: { saslType: "Plain", secretRef } } } } });
}

/** A stored inbound endpoint with username/password references. */
export const storedUserPass = (synced: string, o: Record<string, unknown> = {}) => ({
  address: "opc.tcp://10.0.0.1:4840", endpointType: "Microsoft.OpcUa", ...o,
  authentication: { method: "UsernamePassword", usernamePasswordCredentials: {
    usernameSecretName: `${synced}/username`, passwordSecretName: `${synced}/password` } },
});

export const existing = (keyVaultSecretName: string): SecretReference => ({ source: "existing", keyVaultSecretName });
export const created = (keyVaultSecretName: string, extra: Partial<Extract<SecretReference, { source: "new" }>> = {}): SecretReference =>
  ({ source: "new", keyVaultSecretName, value: VALUE, ...extra });

export function endpoint(name: string, o: Partial<InboundEndpointForm> & {
  username?: SecretReference; password?: SecretReference;
} = {}): InboundEndpointForm {
  const { username, password, ...rest } = o;
  return {
    name, endpointType: "Microsoft.OpcUa", address: "opc.tcp://10.0.0.12:4840", version: "", additionalConfiguration: "",
    trustList: null, syncedSecretName: "",
    authentication: username && password ? { method: "UsernamePassword", username, password } : { method: "Anonymous" },
    ...rest,
  };
}

export function createRequest(name: string, endpoints: InboundEndpointForm[], key = KEY): SaveDeviceRequest {
  return { mode: "create", name, manufacturer: "Contoso", model: "PLC", enabled: true, endpoints, idempotencyKey: key };
}

export function updateRequest(name: string, resourceVersion: string, endpoints: InboundEndpointForm[], key = KEY): SaveDeviceRequest {
  return { mode: "update", name, manufacturer: "Contoso", model: "PLC", enabled: true, endpoints, idempotencyKey: key, resourceVersion };
}

/** Writes the fake cluster served (reads left out). */
export const writes = (cluster: FakeCluster) => cluster.calls.filter((c) => /^(create|replace|delete) /.test(c));

export async function failure(p: Promise<unknown>) {
  const err = await p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e);
  return err as { status: number; kind: string; detail: string; errors?: Record<string, string[]> };
}

/** The objects (file names) of the SPC as stored. */
export function spcObjects(cluster: FakeCluster, name = SPC): string[] {
  const text = String((cluster.get("secretproviderclasses", name)?.spec?.parameters as Record<string, string>).objects ?? "");
  return [...text.matchAll(/objectName: (\S+)/g)].map((m) => m[1]!);
}

export function lastUsedOf(cluster: FakeCluster, name = SPC): Record<string, string> {
  const text = cluster.get("secretproviderclasses", name)?.metadata.annotations?.["ops-portal.azure.com/objects-last-used"];
  return text ? JSON.parse(text) as Record<string, string> : {};
}

export function syncData(cluster: FakeCluster, name: string): [string, string][] | undefined {
  const s = cluster.get("secretsyncs", name);
  const data = (s?.spec?.secretObject as { data: { sourcePath: string; targetKey: string }[] } | undefined)?.data;
  return data?.map((m) => [m.sourcePath, m.targetKey]);
}
