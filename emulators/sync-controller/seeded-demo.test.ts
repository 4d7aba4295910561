import * as k8s from "@kubernetes/client-node";
import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentityStore } from "../identity/store";
import { OPCUA_TRUSTED_CERT } from "../key-vault/seed";
import { defaultSecretProviderClassName } from "../kube/seed";
import { KUBECTL } from "../kube/testing/kubectl";
import { OPCUA_SPC_NAME, OPCUA_TRUST_LIST_SYNC, PORTAL_LABELS, SECRET_SYNC_IDENTITY } from "../seed-demo";
import { stackLayout } from "../shared/layout";
import { startStack, type RunningStack } from "../stack";
import { HttpsClient } from "./https-json";
import { parseSpcObjects } from "./spc-objects";
import { MERGE, NS, SPC, SS, waitFor, type Wire } from "./testing/sync-stack";

/** `npm start` on empty state: the demo instance with secret sync enabled, one synced secret working, one failing. */
const run = promisify(execFile);
const SUBJECT = "system:serviceaccount:azure-iot-operations:aio-ssc-sa";
let dir: string;
let stack: RunningStack | undefined;
let custom: k8s.CustomObjectsApi;
let core: k8s.CoreV1Api;

function clients(s: RunningStack) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(s.endpoints.kubeconfig);
  custom = kc.makeApiClient(k8s.CustomObjectsApi);
  core = kc.makeApiClient(k8s.CoreV1Api);
}
const condition = async (name: string, type: string): Promise<Wire> =>
  ((await custom.getNamespacedCustomObject({ ...SS, name }) as Wire).status?.conditions ?? []).find((c: Wire) => c.type === type);
const reasonOf = (name: string, type: string, reason: string) => waitFor(`${name} ${type} ${reason}`, async () => {
  const c = await condition(name, type);
  return c?.reason === reason ? c : undefined;
});

async function vaultValue(s: RunningStack, name: string): Promise<string | undefined> {
  const e = s.endpoints;
  const http = new HttpsClient(await readFile(e.caFile, "utf8"));
  try {
    const token = await http.send({ method: "POST", url: e.tokenEndpoint, headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: e.automationClient.clientId,
        client_secret: e.automationClient.clientSecret, scope: "https://vault.azure.net/.default" }).toString() });
    const r = await http.send({ method: "GET", url: `${e.keyVaultUrl}secrets/${name}?api-version=7.6`,
      headers: { authorization: `Bearer ${(token.json as { access_token: string }).access_token}` } });
    return (r.json as { value?: string }).value;
  } finally {
    http.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "seeded-demo-"));
  stack = await startStack({ dataDir: dir, syncIntervalMs: 60_000 });
  clients(stack);
});
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the seeded demo instance", () => {
  it("has secret sync enabled as the CLI leaves it: default SPC on the Instance, federated identity with its roles", async () => {
    const spcName = defaultSecretProviderClassName();
    const instance: Wire = await custom.getNamespacedCustomObject({ group: "iotoperations.azure.com", version: "v1",
      namespace: NS, plural: "instances", name: "aio-demo" });
    expect(instance.spec.defaultSecretProviderClassRef.resourceId)
      .toMatch(new RegExp(`/providers/Microsoft\\.SecretSyncController/azureKeyVaultSecretProviderClasses/${spcName}$`));
    const spc: Wire = await custom.getNamespacedCustomObject({ ...SPC, name: spcName });
    const identity = await IdentityStore.open(stackLayout(dir).identityDir);
    const mi = identity.current().managedIdentities.find((m) => m.name === SECRET_SYNC_IDENTITY)!;
    expect(spc.spec).toMatchObject({ provider: "azure", parameters: { clientID: mi.clientId,
      keyvaultName: stack!.endpoints.keyVaultName, tenantId: stack!.endpoints.tenantId } });
    expect(parseSpcObjects(spc.spec.parameters.objects).map((o) => o.objectName)).toContain("kafka-sasl-password");
    expect(identity.current().federatedCredentials.filter((c) => c.identityClientId === mi.clientId))
      .toEqual([expect.objectContaining({ issuer: stack!.cluster.url, subject: SUBJECT, audiences: ["api://AzureADTokenExchange"] })]);
    expect(identity.hasRole(mi.objectId, "Key Vault Secrets User")).toBe(true);
    expect(identity.hasRole(mi.objectId, "Key Vault Reader")).toBe(true);
    expect((await core.readNamespacedServiceAccount({ namespace: NS, name: "aio-ssc-sa" })).metadata?.name).toBe("aio-ssc-sa");
  });

  it("has a Kafka endpoint whose synced secret has synced, and a device whose synced secret's source is missing", async () => {
    const kafka: Wire = await custom.getNamespacedCustomObject({ group: "connectivity.iotoperations.azure.com", version: "v1",
      namespace: NS, plural: "dataflowendpoints", name: "kafka-telemetry" });
    expect(kafka.spec.kafkaSettings.authentication.saslSettings.secretRef).toBe("kafka-sasl");
    expect(await condition("kafka-sasl", "Create")).toMatchObject({ status: "True", reason: "CreateSucceeded" });
    const secret = await core.readNamespacedSecret({ namespace: NS, name: "kafka-sasl" });
    const value = (k: string) => Buffer.from(secret.data![k]!, "base64").toString("utf8");
    expect(value("username")).toBe(await vaultValue(stack!, "kafka-sasl-username"));
    expect(value("password")).toBe(await vaultValue(stack!, "kafka-sasl-password"));

    const device: Wire = await custom.getNamespacedCustomObject({ group: "namespaces.deviceregistry.microsoft.com", version: "v1",
      namespace: NS, plural: "devices", name: "packaging-line-2" });
    expect(device.spec.endpoints.inbound["opc-ua"].authentication.usernamePasswordCredentials.usernameSecretName)
      .toBe("opcua-packaging/username");
    expect(await condition("opcua-packaging", "Create")).toMatchObject({ status: "False", reason: "ProviderError",
      message: expect.stringMatching(/opcua-packaging-username.*SecretNotFound/) });
    for (const name of ["kafka-sasl", "opcua-packaging"]) {
      expect((await custom.getNamespacedCustomObject({ ...SS, name }) as Wire).metadata.labels).toEqual(PORTAL_LABELS);
    }
  });

  it("has the OPC UA connector's trust list as the CLI leaves it: a system synced secret that syncs the DER file", async () => {
    const spc: Wire = await custom.getNamespacedCustomObject({ ...SPC, name: OPCUA_SPC_NAME });
    const defaultSpc: Wire = await custom.getNamespacedCustomObject({ ...SPC, name: defaultSecretProviderClassName() });
    const { clientID, keyvaultName, tenantId } = defaultSpc.spec.parameters;
    expect(spc.spec).toMatchObject({ provider: "azure", parameters: { clientID, keyvaultName, tenantId } });
    expect(parseSpcObjects(spc.spec.parameters.objects)).toEqual([expect.objectContaining(
      { objectName: OPCUA_TRUSTED_CERT.secretName, objectType: "secret", objectEncoding: "hex" })]);

    const ss: Wire = await custom.getNamespacedCustomObject({ ...SS, name: OPCUA_TRUST_LIST_SYNC });
    expect(ss.metadata.labels?.["app.kubernetes.io/managed-by"]).toBeUndefined();
    expect(ss.spec).toMatchObject({ secretProviderClassName: OPCUA_SPC_NAME, serviceAccountName: "aio-ssc-sa",
      secretObject: { type: "Opaque", data: [{ sourcePath: OPCUA_TRUSTED_CERT.secretName, targetKey: OPCUA_TRUSTED_CERT.fileName }] } });
    expect(await condition(OPCUA_TRUST_LIST_SYNC, "Create")).toMatchObject({ status: "True", reason: "CreateSucceeded" });
    const secret = await core.readNamespacedSecret({ namespace: NS, name: OPCUA_TRUST_LIST_SYNC });
    const der = Buffer.from(secret.data![OPCUA_TRUSTED_CERT.fileName]!, "base64");
    expect(der.toString("hex")).toBe(await vaultValue(stack!, OPCUA_TRUSTED_CERT.secretName));
    expect(new X509Certificate(der).subject).toBe("CN=Contoso Root CA");
  });

  it("has a device whose inbound endpoint carries the edge's own error in its status", async () => {
    const device: Wire = await custom.getNamespacedCustomObject({ group: "namespaces.deviceregistry.microsoft.com", version: "v1",
      namespace: NS, plural: "devices", name: "boiler-room-3" });
    expect(device.status.endpoints.inbound["opc-ua"].error).toEqual({ code: "BadCertificateUntrusted",
      message: expect.stringContaining("not trusted") });
    expect(device.metadata.generation).toBe(1);           // a status write leaves the spec's generation alone
  });

  it("kubectl lists the demo", async () => {
    const { stdout } = await run(KUBECTL, ["--kubeconfig", stack!.endpoints.kubeconfig, "--cache-dir", join(dir, "kcache"),
      "get", "secretsyncs,secrets,secretproviderclasses,devices,dataflowendpoints", "-n", NS, "-o", "name"],
    { env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: dir } });
    expect(stdout.split("\n").filter(Boolean).sort()).toEqual([
      `secretproviderclass.secrets-store.csi.x-k8s.io/${defaultSecretProviderClassName()}`,
      `secretproviderclass.secrets-store.csi.x-k8s.io/${OPCUA_SPC_NAME}`,
      "secret/kafka-sasl",
      `secret/${OPCUA_TRUST_LIST_SYNC}`,
      "secretsync.secret-sync.x-k8s.io/kafka-sasl",
      `secretsync.secret-sync.x-k8s.io/${OPCUA_TRUST_LIST_SYNC}`,
      "secretsync.secret-sync.x-k8s.io/opcua-packaging",
      "device.namespaces.deviceregistry.microsoft.com/boiler-room-3",
      "device.namespaces.deviceregistry.microsoft.com/packaging-line-2",
      "device.namespaces.deviceregistry.microsoft.com/press-line-1",
      "dataflowendpoint.connectivity.iotoperations.azure.com/adls-archive",
      "dataflowendpoint.connectivity.iotoperations.azure.com/default",
      "dataflowendpoint.connectivity.iotoperations.azure.com/kafka-telemetry",
    ].sort());
  });

  it("after a restart on another Kubernetes port the credential follows the issuer; a removed one stays removed", async () => {
    const oldIssuer = stack!.cluster.url;
    await stack!.stop();
    stack = undefined;
    stack = await startStack({ dataDir: dir, ports: { kube: await freePort() }, syncIntervalMs: 60_000 });
    clients(stack);
    expect(stack.cluster.url).not.toBe(oldIssuer);
    const identity = await IdentityStore.open(stackLayout(dir).identityDir);
    const mi = identity.current().managedIdentities.find((m) => m.name === SECRET_SYNC_IDENTITY)!;
    expect(identity.current().federatedCredentials.filter((c) => c.identityClientId === mi.clientId).map((c) => c.issuer))
      .toEqual([stack.cluster.url]);
    expect((await custom.listNamespacedCustomObject({ ...SS }) as Wire).items).toHaveLength(3);     // not seeded again
    await custom.patchNamespacedCustomObject({ ...SS, name: "kafka-sasl", body: { spec: { forceSynchronization: "after-restart" } } }, MERGE);
    await reasonOf("kafka-sasl", "Update", "UpdateValueChangeOrForceUpdateSucceeded");

    await identity.unfederate(mi.clientId, { subject: SUBJECT });
    await stack.stop();
    stack = undefined;
    stack = await startStack({ dataDir: dir, ports: { kube: await freePort() }, syncIntervalMs: 60_000 });
    clients(stack);
    expect(identity.current().federatedCredentials.filter((c) => c.identityClientId === mi.clientId)).toEqual([]);
    await custom.patchNamespacedCustomObject({ ...SS, name: "kafka-sasl", body: { spec: { forceSynchronization: "unfederated" } } }, MERGE);
    expect((await reasonOf("kafka-sasl", "Update", "ProviderError")).message).toMatch(/token exchange/);
  });
});
