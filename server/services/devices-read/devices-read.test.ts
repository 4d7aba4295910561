import { describe, expect, it } from "vitest";
import { deviceDetail, deviceList } from "@/lib/schemas/device-api";
import type { DeviceSpec } from "@/lib/schemas/device";
import type { InstanceSettings } from "@/lib/schemas/instance-settings";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { SpcObject } from "@/lib/schemas/spc-object";
import { AppError } from "@/server/errors";
import { createDevicesReadService, type DevicesReadKube } from "./index";

const NOW = new Date("2026-11-05T10:00:00.000Z");
const meta = (name: string) => ({ name, namespace: "aio", uid: `uid-${name}`, resourceVersion: "7", generation: 1,
  createdOn: "2026-11-01T00:00:00Z", labels: {} });

function sync(name: string, data: [string, string][], o: { spc?: string; failed?: boolean; requestedAt?: string } = {}): SecretSync {
  return { ...meta(name), annotations: o.requestedAt ? { [SYNC_REQUESTED_AT_ANNOTATION]: o.requestedAt } : {},
    managedByPortal: true, secretProviderClassName: o.spc ?? "spc-default", serviceAccountName: "aio-ssc-sa",
    secretType: "Opaque", data: data.map(([sourcePath, targetKey]) => ({ sourcePath, targetKey })), forceSynchronization: null,
    secretLabels: {}, secretAnnotations: {},
    status: { syncHash: "v1", lastSuccessfulSyncTime: "2026-11-05T09:00:00Z", conditions: o.failed
      ? [{ type: "Update", status: "False", reason: "ProviderError", message: "SecretNotFound", lastTransitionTime: "2026-11-05T09:30:00Z", observedGeneration: null }]
      : [] } };
}

const object = (objectName: string, o: Partial<SpcObject> = {}): SpcObject => ({ objectName, objectType: "secret",
  objectAlias: null, objectVersion: null, objectVersionHistory: null, objectEncoding: null, objectFormat: null,
  filePermission: null, fileName: o.objectAlias ?? objectName, ...o });

const spc = (name: string, objects: SpcObject[]): SecretProviderClass => ({ ...meta(name), provider: "azure",
  keyVaultName: "kv", tenantId: "t", clientId: "c", objects, objectsProblem: null });

const userPass = (syncedSecret: string) => ({ method: "UsernamePassword",
  usernamePasswordCredentials: { usernameSecretName: `${syncedSecret}/username`, passwordSecretName: `${syncedSecret}/password` } });

const DEVICES: { name: string; spec: DeviceSpec; status: Record<string, unknown> | null }[] = [
  { name: "press-line-1", status: { endpoints: { inbound: { opcua: { error: { code: "503", message: "Server unreachable" } } } } },
    spec: { enabled: true, manufacturer: "Contoso", model: "PLC-4000", endpoints: { inbound: {
      opcua: { address: "opc.tcp://10.0.0.1:4840", endpointType: "Microsoft.OpcUa", authentication: userPass("press-opcua"),
        trustSettings: { trustList: "press-opcua/trustList" } },
      camera: { address: "http://10.0.0.2/onvif", endpointType: "Microsoft.Onvif", authentication: { method: "Anonymous" } },
    } } } },
  { name: "boiler-3", status: null, spec: { enabled: false } },
  { name: "line-9", status: null, spec: { endpoints: { inbound: {
    a: { address: "opc.tcp://x:1", endpointType: "Microsoft.OpcUa", authentication: userPass("gone") },
    b: { address: "opc.tcp://y:1", endpointType: "Microsoft.OpcUa", authentication: userPass("failing") },
  } } } },
];

function fakeKube(o: { instance?: () => Promise<InstanceSettings> } = {}) {
  const calls: string[] = [];
  const kube = {
    devices: {
      list: async () => { calls.push("devices.list"); return DEVICES.map((d) => ({ ...meta(d.name), ...d })); },
      get: async (name: string) => {
        calls.push("devices.get");
        const d = DEVICES.find((x) => x.name === name);
        if (!d) throw new AppError("not-found", `Device '${name}' was not found.`);
        return { ...meta(d.name), ...d };
      },
    },
    secretSyncs: { list: async () => { calls.push("secretSyncs.list"); return [
      // `username` maps a file named by an objectAlias; `password` the object's own name.
      sync("press-opcua", [["press-user-file", "username"], ["press-opcua-password", "password"], ["press-trust", "trustList"]],
        { requestedAt: "2026-11-05T09:59:50.000Z" }),
      sync("failing", [["failing-user", "username"], ["failing-pass/2", "password"]], { failed: true }),
    ]; } },
    secretProviderClasses: { list: async () => { calls.push("secretProviderClasses.list"); return [
      spc("spc-default", [object("press-opcua-username", { objectAlias: "press-user-file" }), object("press-opcua-password"),
        object("failing-user"), object("failing-pass", { objectVersionHistory: 3 })]),
    ]; } },
    instance: { get: o.instance ?? (async () => { calls.push("instance.get"); return { name: "aio-demo", namespace: "aio", description: null,
      defaultSecretProviderClass: { name: "spc-default", resourceId: null }, provisioningState: null, version: null }; }) },
  } as unknown as DevicesReadKube;
  return { kube, calls };
}

const service = (kube: DevicesReadKube) => createDevicesReadService({ kube, now: () => NOW });

describe("devices read service: list", () => {
  it("answers one row per inbound endpoint, and one for a device without endpoints", async () => {
    const list = deviceList.parse(await service(fakeKube().kube).list());
    expect(list.items.map((r) => [r.device, r.endpoint, r.deviceEnabled, r.authenticationMethod, r.syncedSecretName])).toEqual([
      ["boiler-3", "", false, "", null],
      ["line-9", "a", true, "UsernamePassword", "gone"],
      ["line-9", "b", true, "UsernamePassword", "failing"],
      ["press-line-1", "opcua", true, "UsernamePassword", "press-opcua"],
      ["press-line-1", "camera", true, "Anonymous", null],
    ]);
    expect(list.items[3]).toMatchObject({ address: "opc.tcp://10.0.0.1:4840", endpointType: "Microsoft.OpcUa" });
    expect(list.secretSync).toEqual({ enabled: true, defaultSecretProviderClass: "spc-default", reason: null });
  });

  it("gives each row its sync state: none, missing, failed, syncing", async () => {
    const { items } = await service(fakeKube().kube).list();
    const state = (device: string, endpoint: string) => items.find((r) => r.device === device && r.endpoint === endpoint)!.sync;
    expect(state("press-line-1", "camera")).toBeNull();
    expect(state("line-9", "a")).toEqual({ state: "missing" });
    expect(state("line-9", "b")).toMatchObject({ state: "failed", reason: "ProviderError", message: "SecretNotFound" });
    // Asked for a sync 10 s ago, no answer since: syncing, not late yet.
    expect(state("press-line-1", "opcua")).toMatchObject({ state: "syncing", noAnswerSince: null, lastKnown: "synced" });
  });

  it("reports the edge's error for an endpoint in words", async () => {
    const { items } = await service(fakeKube().kube).list();
    expect(items.find((r) => r.endpoint === "opcua")!.edgeError).toBe("Server unreachable (code 503)");
    expect(items.find((r) => r.endpoint === "camera")!.edgeError).toBeNull();
  });

  it("lists each kind once, in parallel, whatever the number of rows", async () => {
    const { kube, calls } = fakeKube();
    await service(kube).list();
    expect(calls.sort()).toEqual(["devices.list", "instance.get", "secretSyncs.list"]);
  });

  it("disables secret fields when the instance has no default SecretProviderClass, or cannot be read", async () => {
    const none = fakeKube({ instance: async () => ({ name: "aio-demo", namespace: "aio", description: null,
      defaultSecretProviderClass: null, provisioningState: null, version: null }) });
    expect((await service(none.kube).list()).secretSync).toEqual({ enabled: false, defaultSecretProviderClass: null,
      reason: expect.stringMatching(/not enabled on instance 'aio-demo'/) });
    const broken = fakeKube({ instance: async () => { throw new AppError("not-found", "Instance 'aio-demo' was not found."); } });
    expect((await service(broken.kube).list()).secretSync).toMatchObject({ enabled: false,
      reason: expect.stringMatching(/Instance 'aio-demo' was not found/) });
  });
});

describe("devices read service: detail", () => {
  it("answers the form's values with references resolved to Key Vault names (through objectAlias)", async () => {
    const { kube, calls } = fakeKube();
    const detail = deviceDetail.parse(await service(kube).detail("press-line-1"));
    expect(detail).toMatchObject({ name: "press-line-1", resourceVersion: "7", manufacturer: "Contoso", model: "PLC-4000", enabled: true });
    const [opcua, camera] = detail.endpoints;
    expect(opcua).toMatchObject({
      name: "opcua", endpointType: "Microsoft.OpcUa", address: "opc.tcp://10.0.0.1:4840", version: "", additionalConfiguration: "",
      syncedSecretName: "press-opcua",
      authentication: { method: "UsernamePassword",
        username: { source: "existing", keyVaultSecretName: "press-opcua-username" },
        password: { source: "existing", keyVaultSecretName: "press-opcua-password" } },
      edgeError: "Server unreachable (code 503)",
    });
    // The trust list's file is not an object of the class: its field stays empty, with the reason.
    expect(opcua!.trustList).toBeNull();
    expect(opcua!.unresolved).toEqual([{ field: "trustList", reference: "press-opcua/trustList",
      reason: expect.stringMatching(/has no object for 'press-trust'/) }]);
    expect(camera).toMatchObject({ authentication: { method: "Anonymous" }, syncedSecretName: "", sync: null, unresolved: [] });
    expect(calls.sort()).toEqual(["devices.get", "instance.get", "secretProviderClasses.list", "secretSyncs.list"]);
  });

  it("lists references that do not resolve, with the reason, and leaves their fields null", async () => {
    const detail = await service(fakeKube().kube).detail("line-9");
    const [a, b] = detail.endpoints;
    expect(a!.authentication).toEqual({ method: "UsernamePassword", username: null, password: null });
    expect(a!.unresolved.map((u) => [u.field, u.reason])).toEqual([
      ["username", "Synced secret 'gone' does not exist"], ["password", "Synced secret 'gone' does not exist"]]);
    expect(a!.sync).toEqual({ state: "missing" });
    // `failing-pass/2` is an older version: not something the form can show as "latest".
    expect(b!.authentication).toEqual({ method: "UsernamePassword",
      username: { source: "existing", keyVaultSecretName: "failing-user" }, password: null });
    expect(b!.unresolved).toEqual([{ field: "password", reference: "failing/password", reason: expect.stringMatching(/older version/) }]);
  });

  it("names a key the synced secret does not have", async () => {
    const { kube } = fakeKube();
    const spec = DEVICES[0]!.spec;
    (kube.devices as { get: unknown }).get = async () => ({ ...meta("x"), status: null, spec: { ...spec, endpoints: { inbound: {
      e: { address: "opc.tcp://x:1", endpointType: "Microsoft.OpcUa",
        authentication: { method: "Certificate", x509Credentials: { certificateSecretName: "press-opcua/certificate" } } } } } } });
    const [e] = (await service(kube).detail("x")).endpoints;
    expect(e!.authentication).toEqual({ method: "Certificate", certificate: null, key: null, intermediateCertificates: null });
    expect(e!.unresolved).toEqual([{ field: "certificate", reference: "press-opcua/certificate",
      reason: "Synced secret 'press-opcua' has no key 'certificate'" }]);
  });

  it("answers 404 for a missing device", async () => {
    await expect(service(fakeKube().kube).detail("nope")).rejects.toMatchObject({ kind: "not-found" });
  });
});
