import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { createDataflowEndpointBody, updateDataflowEndpointBody } from "@/lib/schemas/dataflow-endpoint-form";
import { createDataflowEndpointSaveService } from "@/server/services/dataflow-endpoint-save";
import type { SaveDataflowEndpointRequest } from "@/server/services/dataflow-endpoint-save/types";
import { putSpc, SPC } from "@/server/testing/device-save-fixtures";
import { createFakeCluster, type FakeCluster } from "@/server/testing/fake-cluster";
import { createFakeKeyVault, type FakeKeyVault } from "@/server/testing/fake-key-vault";

/** A fake cluster and vault around the data flow endpoint save service (the device save's shape: default SPC). */
export { existing, failure, KEY, KEY2, putSecretSync, SPC, spcObjects, syncData, writes } from "@/server/testing/device-save-fixtures";

export interface DataflowHarness {
  cluster: FakeCluster;
  vault: FakeKeyVault;
  service: ReturnType<typeof createDataflowEndpointSaveService>;
  now: { value: Date };
  written: string[];
}

export function dataflowHarness(o: { vaultNames?: string[]; graceSeconds?: number; objects?: string[];
  lastUsed?: Record<string, string> } = {}): DataflowHarness {
  const cluster = createFakeCluster({ defaultSpc: SPC });
  putSpc(cluster, SPC, o.objects ?? [], o.lastUsed);
  const vault = createFakeKeyVault(o.vaultNames ?? []);
  const now = { value: new Date("2026-11-02T10:00:00.000Z") };
  const written: string[] = [];
  const service = createDataflowEndpointSaveService({ kube: cluster.kube, vault, graceSeconds: o.graceSeconds ?? 600,
    now: () => now.value, onVaultSecretWritten: (s) => written.push(s.name) });
  return { cluster, vault, service, now, written };
}

/** A create request as the route makes it: the body as the form sends it, parsed by the shared schema. */
export async function createRequest(body: Record<string, unknown>, key: string): Promise<SaveDataflowEndpointRequest> {
  return { mode: "create", ...await createDataflowEndpointBody.parseAsync({ ...body, idempotencyKey: key }) };
}

export async function updateRequest(body: Record<string, unknown>, resourceVersion: string, key: string):
  Promise<SaveDataflowEndpointRequest> {
  return { mode: "update", ...await updateDataflowEndpointBody.parseAsync({ ...body, idempotencyKey: key, resourceVersion }) };
}

/** The field messages a body gets from the shared schema (what the route answers with 400). */
export async function fieldMessages(body: Record<string, unknown>, key: string): Promise<Record<string, string[]>> {
  const parsed = await createDataflowEndpointBody.safeParseAsync({ ...body, idempotencyKey: key });
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

/** A DataflowEndpoint as stored, in the fixtures' shape (apiVersion, kind, name, spec). */
export function storedEndpoint(cluster: FakeCluster, name: string): Record<string, unknown> | undefined {
  const o = cluster.get("dataflowendpoints", name);
  return o && { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name }, spec: o.spec };
}

export function putEndpoint(cluster: FakeCluster, name: string, spec: Record<string, unknown>) {
  return cluster.put("dataflowendpoints", { apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint",
    metadata: { name }, spec });
}

const FIXTURES = join(process.cwd(), "server/services/dataflow-endpoint-save/fixtures");

/** A hand-written expected DataflowEndpoint (comments dropped), as the cluster should hold it. */
export function expectedEndpoint(file: string): Record<string, unknown> {
  return parse(readFileSync(join(FIXTURES, file), "utf8")) as Record<string, unknown>;
}
