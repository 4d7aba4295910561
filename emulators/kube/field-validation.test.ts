import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFailure } from "./testing/client-node";
import { startKubectlHarness, type KubectlHarness } from "./testing/kubectl";

/**
 * `fieldValidation=Strict` on a custom resource, as the API server decodes it: an unknown field refuses the
 * write with 400 BadRequest "<Kind> in version "v1" cannot be handled as a <Kind>: strict decoding error: unknown
 * field "spec.foo"" (the portal writes DataflowEndpoints this way), where the default (Warn) drops it with a
 * warning. Checked with client-node (the portal's client) and with kubectl apply --validate=strict.
 */
let h: KubectlHarness;
let custom: k8s.CustomObjectsApi;
const NS = "azure-iot-operations";
const DFE = { group: "connectivity.iotoperations.azure.com", version: "v1", namespace: NS, plural: "dataflowendpoints" };

const endpoint = (name: string, kafkaSettings: Record<string, unknown>) => ({
  apiVersion: "connectivity.iotoperations.azure.com/v1", kind: "DataflowEndpoint", metadata: { name },
  spec: { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: { host: "kafka.contoso.example:9093",
    authentication: { method: "SystemAssignedManagedIdentity", systemAssignedManagedIdentitySettings: {} }, ...kafkaSettings } },
});
type Stored = k8s.KubernetesObject & { spec: { kafkaSettings: Record<string, unknown> } };

beforeAll(async () => {
  h = await startKubectlHarness();
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(h.cluster.kubeconfig);
  custom = kc.makeApiClient(k8s.CustomObjectsApi);
});
afterAll(async () => { await h?.stop(); });

describe("fieldValidation=Strict on DataflowEndpoints", () => {
  it("client-node create: an unknown field is refused with 400 naming it; nothing is stored", async () => {
    const refused = await apiFailure(custom.createNamespacedCustomObject({ ...DFE, fieldValidation: "Strict",
      body: endpoint("strict-1", { compresion: "Gzip" }) }));
    expect(refused).toMatchObject({ code: 400, status: { reason: "BadRequest", message: "DataflowEndpoint in version " +
      "\"v1\" cannot be handled as a DataflowEndpoint: strict decoding error: unknown field \"spec.kafkaSettings.compresion\"" } });
    expect((await apiFailure(custom.getNamespacedCustomObject({ ...DFE, name: "strict-1" }))).code).toBe(404);
  });

  it("client-node replace: an unknown field is refused; known fields are written; without Strict it is dropped", async () => {
    const created = await custom.createNamespacedCustomObject({ ...DFE, fieldValidation: "Strict",
      body: endpoint("strict-2", { compression: "Gzip" }) }) as Stored;
    expect(created.spec.kafkaSettings.compression).toBe("Gzip");
    const misspelled = { ...created, spec: { ...created.spec, kafkaSettings: { ...created.spec.kafkaSettings, kafkaAck: "All" } } };
    const refused = await apiFailure(custom.replaceNamespacedCustomObject({ ...DFE, name: "strict-2", fieldValidation: "Strict",
      body: misspelled }));
    expect(refused.code).toBe(400);
    expect(refused.status.message).toContain("strict decoding error: unknown field \"spec.kafkaSettings.kafkaAck\"");

    const warned = await custom.replaceNamespacedCustomObject({ ...DFE, name: "strict-2", body: misspelled }) as Stored;
    expect(warned.spec.kafkaSettings).not.toHaveProperty("kafkaAck");
    expect(warned.spec.kafkaSettings.compression).toBe("Gzip");
  });

  it("kubectl apply --validate=strict refuses a manifest with an unknown field; --validate=false drops it", async () => {
    const file = await h.manifest("dfe-strict.yaml", [
      "apiVersion: connectivity.iotoperations.azure.com/v1", "kind: DataflowEndpoint",
      `metadata: {name: strict-3, namespace: ${NS}}`, "spec:", "  endpointType: Kafka", "  kafkaSettings:",
      "    host: kafka.contoso.example:9093", "    authentication: {method: Anonymous}", "    bogus: 1", "",
    ].join("\n"));
    const strict = await h.run(["apply", "--validate=strict", "-f", file]);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain("strict decoding error: unknown field \"spec.kafkaSettings.bogus\"");
    const loose = await h.run(["apply", "--validate=false", "-f", file]);
    expect(loose).toMatchObject({ code: 0, stdout: "dataflowendpoint.connectivity.iotoperations.azure.com/strict-3 created\n" });
  });
});
