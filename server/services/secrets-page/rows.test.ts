import { describe, expect, it } from "vitest";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync, SecretSyncCondition } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import { syncedSecretList } from "@/lib/schemas/synced-secret-list";
import { buildRows, type ClusterView } from "./rows";

const NOW = new Date("2026-11-05T10:00:00.000Z");
const DAY = 24 * 3600 * 1000;
const inDays = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();
const meta = (name: string) => ({ name, namespace: "aio", uid: `uid-${name}`, resourceVersion: "1", generation: 1,
  createdOn: "2026-11-01T00:00:00Z", labels: {}, annotations: {} });

function sync(name: string, o: Omit<Partial<SecretSync>, "data"> & { data?: [string, string][] } = {}): SecretSync {
  const { data, ...rest } = o;
  return { ...meta(name), managedByPortal: true, createdBy: "ops-portal", secretProviderClassName: "spc-default",
    serviceAccountName: "sa", secretType: "Opaque", forceSynchronization: null, secretLabels: {}, secretAnnotations: {},
    data: (data ?? [[`${name}-user`, "username"]]).map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })),
    status: { syncHash: null, lastSuccessfulSyncTime: "2026-11-05T09:00:00Z", conditions: [] }, ...rest };
}

const object = (objectName: string, o: Partial<SpcObject> = {}): SpcObject => ({ objectName, objectType: "secret",
  objectAlias: null, objectVersion: null, objectVersionHistory: null, objectEncoding: null, objectFormat: null,
  filePermission: null, fileName: o.objectAlias ?? objectName, ...o });

const spc = (name: string, objects: SpcObject[]): SecretProviderClass => ({ ...meta(name), provider: "azure",
  keyVaultName: "kv", tenantId: "t", clientId: "c", objects, objectsProblem: null });

const vault = (name: string, o: Partial<KeyVaultSecretSummary> = {}): KeyVaultSecretSummary => ({ name, contentType: null,
  enabled: true, createdOn: null, updatedOn: null, expiresOn: null, notBefore: null, tags: {}, ...o });

function view(o: Partial<ClusterView> = {}): ClusterView {
  return { secretSyncs: [], secrets: [], devices: [], dataflowEndpoints: [], secretProviderClasses: [],
    defaultSpcName: "spc-default", ...o };
}

const index = (secrets: KeyVaultSecretSummary[], ready = true) => {
  const byName = new Map(secrets.map((s) => [s.name.toLowerCase(), s]));
  return { ready, get: (n: string) => byName.get(n.toLowerCase()) };
};

const cond = (status: string, reason: string): SecretSyncCondition =>
  ({ type: "Update", status, reason, message: null, lastTransitionTime: "2026-11-05T09:30:00Z", observedGeneration: null });

describe("Secrets page rows", () => {
  it("joins each key with its Key Vault source through the class's objectAlias, and says who made it", () => {
    const rows = buildRows(view({
      secretSyncs: [sync("kafka", { data: [["kafka-user", "username"], ["pass-file", "password"]] }),
        sync("made-by-cli", { managedByPortal: false, createdBy: "azure-cli" })],
      secretProviderClasses: [spc("spc-default", [object("kafka-user"),
        object("kafka-pass", { objectAlias: "pass-file", objectVersion: "0123456789abcdef0123456789abcdef" }),
        object("made-by-cli-user")])],
    }), index([vault("kafka-user"), vault("kafka-pass"), vault("made-by-cli-user")]), NOW);
    expect(rows.map((r) => r.name)).toEqual(["kafka", "made-by-cli"]);
    expect(rows[0]!.references).toEqual([
      { sourcePath: "kafka-user", targetKey: "username", source: { fileName: "kafka-user", keyVaultSecretName: "kafka-user",
        objectType: "secret", pinnedVersion: null, objectEncoding: null } },
      { sourcePath: "pass-file", targetKey: "password", source: { fileName: "pass-file", keyVaultSecretName: "kafka-pass",
        objectType: "secret", pinnedVersion: "0123456789abcdef0123456789abcdef", objectEncoding: null } },
    ]);
    expect(rows[0]!.createdBy).toEqual({ kind: "portal" });
    expect(rows[1]!.createdBy).toEqual({ kind: "other", fieldManager: "azure-cli" });
    expect(rows.every((r) => !r.system && r.warnings.length === 0)).toBe(true);
    expect(() => syncedSecretList.parse({ items: rows, offset: 0, limit: 50, matching: rows.length, total: rows.length, index: { state: "ready", count: 3, updatedAt: null },
      defaultSecretProviderClass: "spc-default" })).not.toThrow();
  });

  it("marks a synced secret of another class as system, with the reason", () => {
    const [row] = buildRows(view({ secretSyncs: [sync("aio-opc-ua-broker-trust-list", {
      managedByPortal: false, secretProviderClassName: "opc-ua-connector" })] }), index([]), NOW);
    expect(row).toMatchObject({ system: true, systemReason: expect.stringContaining("system synced secret") });
    expect(row!.systemReason).toContain("opc-ua-connector");
  });

  it("warns per source from the name index: missing, disabled, expired, not yet active, expiring within 30 days, no SPC object", () => {
    const names = ["gone", "off", "old", "later", "soon", "fine"];
    const [row] = buildRows(view({
      secretSyncs: [sync("s", { data: [...names.map((n): [string, string] => [n, `k-${n}`]), ["unlisted", "k-x"]] })],
      secretProviderClasses: [spc("spc-default", names.map((n) => object(n)))],
    }), index([vault("off", { enabled: false }), vault("old", { expiresOn: inDays(-1) }), vault("later", { notBefore: inDays(2) }),
      vault("soon", { expiresOn: inDays(12) }), vault("fine", { expiresOn: inDays(90) })]), NOW);
    expect(row!.warnings.map((w) => [w.kind, w.source, w.targetKeys])).toEqual([
      ["no-spc-object", "unlisted", ["k-x"]],
      ["missing", "gone", ["k-gone"]],
      ["disabled", "off", ["k-off"]],
      ["expired", "old", ["k-old"]],
      ["not-yet-active", "later", ["k-later"]],
      ["expiring-soon", "soon", ["k-soon"]],
    ]);
    expect(row!.warnings.find((w) => w.kind === "expiring-soon")!.message).toContain("in 12 days");
  });

  it("does not call a source missing while the name index is still filling", () => {
    const [row] = buildRows(view({ secretSyncs: [sync("s", { data: [["gone", "k"]] })],
      secretProviderClasses: [spc("spc-default", [object("gone")])] }), index([], false), NOW);
    expect(row!.warnings).toEqual([]);
  });

  it("does not call a source missing when the controller synced it after the index's last pass (created since)", () => {
    const at = (lastSuccessfulSyncTime: string, conditions: SecretSyncCondition[] = []) => buildRows(view({
      secretSyncs: [sync("s", { data: [["new", "k"]], status: { syncHash: null, lastSuccessfulSyncTime, conditions } })],
      secretProviderClasses: [spc("spc-default", [object("new")])] }),
    { ...index([]), updatedAt: "2026-11-05T09:00:00.000Z" }, NOW)[0]!.warnings.map((w) => w.kind);
    expect(at("2026-11-05T09:30:00Z")).toEqual([]);
    expect(at("2026-11-05T08:30:00Z")).toEqual(["missing"]);
    expect(at("2026-11-05T09:30:00Z", [cond("False", "ProviderError")])).toEqual(["missing"]);
  });

  it("shows the sync state as the devices pages do (sync-state.ts): failed, syncing after a request, synced", () => {
    const rows = buildRows(view({ secretSyncs: [
      sync("a-failed", { status: { syncHash: null, lastSuccessfulSyncTime: null, conditions: [cond("False", "ProviderError")] } }),
      sync("b-asked", { annotations: { [SYNC_REQUESTED_AT_ANNOTATION]: "2026-11-05T09:59:50.000Z" } }),
      sync("c-synced"),
    ] }), index([]), NOW);
    expect(rows.map((r) => r.sync.state)).toEqual(["failed", "syncing", "synced"]);
    expect(rows[0]!.sync).toMatchObject({ reason: "ProviderError" });
  });

  it("counts devices and data flow endpoints that reference it, and joins its Secret's key names", () => {
    const [row] = buildRows(view({
      secretSyncs: [sync("kafka")],
      secrets: [{ ...meta("kafka"), generation: null, type: "Opaque", keys: ["password", "username"], owner: null }],
      devices: [{ ...meta("line-1"), status: null, spec: { endpoints: { inbound: { opc: { address: "x", endpointType: "OPC-UA",
        authentication: { method: "UsernamePassword", usernamePasswordCredentials: { usernameSecretName: "kafka/username",
          passwordSecretName: "kafka/password" } } } } } } }],
      dataflowEndpoints: [{ ...meta("kafka-telemetry"), status: null, spec: { endpointType: "Kafka",
        kafkaSettings: { authentication: { method: "Sasl", saslSettings: { saslType: "Plain", secretRef: "kafka" } } } } }],
    }), index([]), NOW);
    expect(row!.secret).toEqual({ type: "Opaque", keys: ["password", "username"] });
    expect(row!.usedBy.map((u) => `${u.kind}/${u.name}/${u.key}`)).toEqual(
      ["Device/line-1/username", "Device/line-1/password", "DataflowEndpoint/kafka-telemetry/null"]);
  });
});
