import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { syncedSecretRow } from "@/lib/synced-secrets/testing/rows";

/** A small list like the local stack's demo: one of each kind of row the page treats differently. */

const source = (name: string, pinnedVersion: string | null = null) =>
  ({ fileName: name, keyVaultSecretName: name, objectType: "secret", pinnedVersion, objectEncoding: null });

export const KAFKA = syncedSecretRow("kafka-sasl", {
  references: [
    { sourcePath: "kafka-sasl-password", targetKey: "password", source: source("kafka-sasl-password") },
    { sourcePath: "kafka-sasl-username", targetKey: "username", source: source("kafka-sasl-username") },
  ],
  secret: { type: "Opaque", keys: ["password", "username"] },
  usedBy: [{ kind: "DataflowEndpoint", name: "kafka-telemetry", via: "kafkaSettings.authentication.saslSettings", key: null }],
});

export const OPCUA = syncedSecretRow("opcua-packaging", {
  references: [
    { sourcePath: "opcua-packaging-password", targetKey: "password", source: source("opcua-packaging-password") },
    { sourcePath: "opcua-packaging-username", targetKey: "username", source: source("opcua-packaging-username") },
  ],
  secret: null,
  sync: { state: "failed", reason: "ProviderError", message: "404 SecretNotFound: opcua-packaging-username", since: null, lastSuccessfulSyncTime: null },
  usedBy: [
    { kind: "Device", name: "packaging-line-2", via: "inbound endpoint 'opc' · username", key: "username" },
    { kind: "Device", name: "packaging-line-2", via: "inbound endpoint 'opc' · password", key: "password" },
  ],
  warnings: [
    { kind: "missing", source: "opcua-packaging-password", targetKeys: ["password"], at: null, message: "No Key Vault secret 'opcua-packaging-password'" },
    { kind: "missing", source: "opcua-packaging-username", targetKeys: ["username"], at: null, message: "No Key Vault secret 'opcua-packaging-username'" },
  ],
});

export const WAITING = syncedSecretRow("mqtt-bridge", {
  sync: { state: "syncing", requestedAt: "2026-11-01T10:00:00.000Z", noAnswerSince: "2026-11-01T10:00:00.000Z", lastKnown: "synced" },
  warnings: [{ kind: "expiring-soon", source: "mqtt-bridge-username", targetKeys: ["username"], at: "2026-11-20T00:00:00.000Z",
    message: "Expires on 20 Nov 2026 (in 19 days)" }],
});

export const SYSTEM = syncedSecretRow("aio-opc-ua-broker-trust-list", {
  system: true, systemReason: "Its SecretProviderClass is the OPC UA connector's, not the instance's default",
  managedByPortal: false, createdBy: { kind: "other", fieldManager: "helm" }, secretProviderClassName: "aio-opc-ua-broker-trust-list",
  usedBy: [],
});

export const FOREIGN = syncedSecretRow("made-by-kubectl", { managedByPortal: false, createdBy: { kind: "other", fieldManager: "kubectl-create" } });

export const SEEDED: SyncedSecret[] = [KAFKA, OPCUA, WAITING, SYSTEM, FOREIGN];
