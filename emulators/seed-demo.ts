import { createHash } from "node:crypto";
import type { IdentityStore } from "./identity/store";
import { ensureWorkloadIdentity } from "./identity/workload-identity";
import {
  dataflowEndpointKind, deviceKind, instanceKind, secretProviderClassKind, secretSyncKind, serviceAccountKind,
} from "./kube/kinds";
import { OPCUA_TRUSTED_CERT } from "./key-vault/seed";
import { armResourceId, DEMO_INSTANCE, defaultSecretProviderClassName } from "./kube/seed";
import type { KubeStore } from "./kube/store";

/**
 * The demo around the seeded instance (local-stack.md "Start, state, stop"): secret sync enabled as
 * `az iot ops secretsync enable` leaves it — a user-assigned identity federated to `aio-ssc-sa` with Key Vault
 * Secrets User + Reader, the default SecretProviderClass referenced by the Instance — plus devices and data flow
 * endpoints, one of which uses a synced secret that syncs and one whose Key Vault source is missing; and a system
 * synced secret the portal did not make (the OPC UA connector's trust list, as `az iot ops connector opcua trust`
 * leaves it), which syncs too.
 */
export const SECRET_SYNC_IDENTITY = "aio-demo-secret-sync";
export const SECRET_SYNC_SERVICE_ACCOUNT = "aio-ssc-sa";
export const PORTAL_LABELS = { "app.kubernetes.io/managed-by": "ops-portal" };

/** The names AIO's OPC UA certificate commands use (domain.md §1.6). */
export const OPCUA_SPC_NAME = "opc-ua-connector";
export const OPCUA_TRUST_LIST_SYNC = "aio-opc-ua-broker-trust-list";

const NS = DEMO_INSTANCE.namespace;
const SUBJECT = `system:serviceaccount:${NS}:${SECRET_SYNC_SERVICE_ACCOUNT}`;

/** The CLI's federated credential name: first 7 hex of sha256("<cluster>-<issuer>-<subject>") (domain.md §1.4). */
export function federatedCredentialName(issuer: string): string {
  return createHash("sha256").update(`${DEMO_INSTANCE.cluster}-${issuer}-${SUBJECT}`).digest("hex").slice(0, 7);
}

/**
 * At every start: the cluster's issuer URL follows its port, so the secret-sync identity's federated credential for
 * aio-ssc-sa is re-pointed to the current issuer. On a seeding start the identity, credential and roles are created;
 * otherwise a credential an operator removed (`npm run stack -- unfederate`) or roles revoked stay as they are.
 */
export async function refreshSecretSyncIdentity(store: IdentityStore, o: { issuer: string; seeding: boolean }) {
  const existing = store.current().managedIdentities.find((m) => m.name === SECRET_SYNC_IDENTITY);
  if (!o.seeding) {
    if (!existing) return undefined;
    const credentials = store.current().federatedCredentials.filter((c) =>
      c.identityClientId === existing.clientId && c.subject === SUBJECT);
    if (credentials.length === 0 || credentials.every((c) => c.issuer === o.issuer)) return existing;
  }
  const { identity } = await ensureWorkloadIdentity(store, {
    identity: SECRET_SYNC_IDENTITY, issuer: o.issuer, subject: SUBJECT, credentialName: federatedCredentialName(o.issuer),
    roles: o.seeding ? ["Key Vault Secrets User", "Key Vault Reader"] : [],
  });
  return identity;
}

const apiVersion = (k: { group: string; version: string }) => (k.group ? `${k.group}/${k.version}` : k.version);
const meta = (name: string, labels?: Record<string, string>) => ({ name, namespace: NS, ...(labels ? { labels } : {}) });

/**
 * `objects` as the CLI formats it (`indent=6`, then "\n- |" → "\n    - |"); the OPC UA commands add
 * `objectEncoding: hex` (certificates go to Key Vault as hex text).
 */
function spcObjects(names: string[], encoding?: "hex"): string {
  const extra = encoding ? `      objectEncoding: ${encoding}\n` : "";
  return `array:\n${names.map((n) => `    - |\n      objectName: ${n}\n      objectType: secret\n${extra}`).join("")}`;
}

/** Seeds the cluster objects of the demo; called only on the start that seeded the empty cluster. */
export async function seedDemoCluster(store: KubeStore, o: { clientId: string; tenantId: string; vaultName: string }) {
  const spcName = defaultSecretProviderClassName();
  await store.create(serviceAccountKind, { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(SECRET_SYNC_SERVICE_ACCOUNT) });
  await store.create(secretProviderClassKind, {
    apiVersion: apiVersion(secretProviderClassKind), kind: "SecretProviderClass", metadata: meta(spcName),
    spec: { provider: "azure", parameters: {
      clientID: o.clientId, keyvaultName: o.vaultName, tenantId: o.tenantId,
      objects: spcObjects(["kafka-sasl-username", "kafka-sasl-password", "opcua-packaging-username", "opcua-packaging-password"]),
    } },
  });
  const instance = store.mustGet(instanceKind, NS, DEMO_INSTANCE.name);
  await store.update(instanceKind, { ...instance, spec: { ...(instance.spec as object),
    defaultSecretProviderClassRef: {
      resourceId: armResourceId("Microsoft.SecretSyncController/azureKeyVaultSecretProviderClasses", spcName) },
    defaultSecretProviderClassName: spcName } });

  // Synced secrets as the portal creates them: the Kafka one syncs; the OPC UA one names vault secrets that were
  // never created, so it fails with ProviderError (SecretNotFound).
  for (const [name, pairs] of [
    ["kafka-sasl", [["kafka-sasl-username", "username"], ["kafka-sasl-password", "password"]]],
    ["opcua-packaging", [["opcua-packaging-username", "username"], ["opcua-packaging-password", "password"]]],
  ] as const) {
    await store.create(secretSyncKind, {
      apiVersion: apiVersion(secretSyncKind), kind: "SecretSync", metadata: meta(name, PORTAL_LABELS),
      spec: { secretProviderClassName: spcName, serviceAccountName: SECRET_SYNC_SERVICE_ACCOUNT, secretSyncControllerName: "",
        secretObject: { type: "Opaque", data: pairs.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })) } },
    });
  }

  await seedOpcUaTrustList(store, o);

  for (const d of demoDevices()) {
    const created = await store.create(deviceKind, { apiVersion: apiVersion(deviceKind), kind: "Device", metadata: meta(d.name), spec: d.spec });
    // What the edge reports is status, written as the connector writes it: through the status subresource.
    if (d.status) await store.update(deviceKind, { ...created, status: d.status }, { subresource: "status" });
  }
  for (const e of demoDataflowEndpoints()) {
    await store.create(dataflowEndpointKind, {
      apiVersion: apiVersion(dataflowEndpointKind), kind: "DataflowEndpoint", metadata: meta(e.name), spec: e.spec });
  }
}

/**
 * `az iot ops connector opcua trust add --file contoso-root-ca.der`: the SPC `opc-ua-connector` with the default
 * SPC's vault and identity, and the SecretSync `aio-opc-ua-broker-trust-list` mapping the Key Vault secret back to the
 * file name. Neither carries the portal's managed-by label: the portal shows them as system synced secrets and
 * never edits them. The vault secret is seeded by the Key Vault stand-in (OPCUA_TRUSTED_CERT).
 */
async function seedOpcUaTrustList(store: KubeStore, o: { clientId: string; tenantId: string; vaultName: string }) {
  await store.create(secretProviderClassKind, {
    apiVersion: apiVersion(secretProviderClassKind), kind: "SecretProviderClass", metadata: meta(OPCUA_SPC_NAME),
    spec: { provider: "azure", parameters: {
      clientID: o.clientId, keyvaultName: o.vaultName, tenantId: o.tenantId,
      objects: spcObjects([OPCUA_TRUSTED_CERT.secretName], "hex"),
    } },
  });
  await store.create(secretSyncKind, {
    apiVersion: apiVersion(secretSyncKind), kind: "SecretSync", metadata: meta(OPCUA_TRUST_LIST_SYNC),
    spec: { secretProviderClassName: OPCUA_SPC_NAME, serviceAccountName: SECRET_SYNC_SERVICE_ACCOUNT,
      secretObject: { type: "Opaque",
        data: [{ sourcePath: OPCUA_TRUSTED_CERT.secretName, targetKey: OPCUA_TRUSTED_CERT.fileName }] } },
  });
}

function opcua(address: string, authentication: object) {
  return { inbound: { "opc-ua": { address, endpointType: "Microsoft.OpcUa", version: "1.05", authentication } } };
}

interface DemoDevice { name: string; spec: object; status?: object }

function demoDevices(): DemoDevice[] {
  return [
    { name: "press-line-1", spec: { enabled: true, manufacturer: "Contoso", model: "PLC-4000", version: 1,
      endpoints: opcua("opc.tcp://10.20.0.11:4840", { method: "Anonymous" }) } },
    { name: "packaging-line-2", spec: { enabled: true, manufacturer: "Contoso", model: "PLC-4200", version: 1,
      endpoints: opcua("opc.tcp://10.20.0.12:4840", { method: "UsernamePassword", usernamePasswordCredentials: {
        usernameSecretName: "opcua-packaging/username", passwordSecretName: "opcua-packaging/password" } }) } },
    // The edge's own error for an endpoint, as the OPC UA connector reports a server certificate it does not trust.
    { name: "boiler-room-3", spec: { enabled: false, manufacturer: "Fabrikam", model: "BX-9", version: 1,
      endpoints: opcua("opc.tcp://10.20.0.13:4840", { method: "Anonymous" }) },
    status: { endpoints: { inbound: { "opc-ua": { error: { code: "BadCertificateUntrusted",
      message: "The server certificate of opc.tcp://10.20.0.13:4840 is not trusted: add it, or its issuer, to the " +
        "OPC UA connector's trust list." } } } } } },
  ];
}

function demoDataflowEndpoints() {
  return [
    { name: "default", spec: { endpointType: "Mqtt", hostType: "LocalBroker", mqttSettings: {
      host: "aio-broker:18883",
      authentication: { method: "ServiceAccountToken", serviceAccountTokenSettings: { audience: "aio-internal" } },
      tls: { mode: "Enabled", trustedCaCertificateConfigMapRef: "azure-iot-operations-aio-ca-trust-bundle" } } } },
    { name: "kafka-telemetry", spec: { endpointType: "Kafka", hostType: "CustomKafka", kafkaSettings: {
      host: "kafka.contoso.example:9093",
      authentication: { method: "Sasl", saslSettings: { saslType: "ScramSha512", secretRef: "kafka-sasl" } },
      tls: { mode: "Enabled" } } } },
    { name: "adls-archive", spec: { endpointType: "DataLakeStorage", dataLakeStorageSettings: {
      host: "https://aiodemoarchive.blob.core.windows.net",
      authentication: { method: "SystemAssignedManagedIdentity", systemAssignedManagedIdentitySettings: {} } } } },
  ];
}
