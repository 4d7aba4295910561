import { readFile } from "node:fs/promises";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubectlHarness, type KubectlHarness, kubectlOk, secretSyncYaml } from "./testing/kubectl";

/**
 * The machine's kubectl against the Kubernetes stand-in: every step asserts on what kubectl prints, as an operator
 * would read it. Commands that work and do not: emulators/kube/README.md.
 */
let h: KubectlHarness;
beforeAll(async () => { h = await startKubectlHarness(); });
afterAll(async () => { await h?.stop(); });

const syncYaml = (name: string, o: { targetKey?: string; labels?: string; namespace?: string } = {}) =>
  secretSyncYaml(name, { ...o, labels: o.labels ?? "app: demo" });

const ok = (args: string[]) => kubectlOk(h, args);

describe("kubectl against the Kubernetes stand-in", () => {
  it("version: the dispatcher runs kubectl 1.32 for the server's 1.32", async () => {
    const out = await ok(["version"]);
    expect(out).toMatch(/Client Version: v1\.32\./);
    expect(out).toMatch(/Server Version: v1\.32\.0/);
  });

  it("api-resources lists every kind with its group, scope and short names", async () => {
    const rows = (await ok(["api-resources", "--no-headers"])).split("\n").map((l) => l.trim().split(/\s+/).join(" "));
    expect(rows).toEqual(expect.arrayContaining([
      "namespaces ns v1 false Namespace", "secrets v1 true Secret", "configmaps cm v1 true ConfigMap",
      "serviceaccounts sa v1 true ServiceAccount", "events ev v1 true Event",
      "secretproviderclasses secrets-store.csi.x-k8s.io/v1 true SecretProviderClass",
      "secretsyncs secret-sync.x-k8s.io/v1alpha1 true SecretSync",
      "devices namespaces.deviceregistry.microsoft.com/v1 true Device",
      "dataflowendpoints connectivity.iotoperations.azure.com/v1 true DataflowEndpoint",
      "instances iotoperations.azure.com/v1 true Instance",
    ]));
  });

  it("get prints tables with the kinds' columns; -o wide adds the priority ones", async () => {
    expect(await ok(["get", "namespaces"])).toMatch(/^NAME\s+STATUS\s+AGE\n(.*\n)*azure-iot-operations\s+Active\s+\d+s/m);
    const instances = await ok(["get", "instances"]);
    expect(instances).toMatch(/^NAME\s+DEFAULT SPC\s+STATE\s+AGE$/m);
    expect(instances).toMatch(/^aio-demo\s+Succeeded\s+\d+s$/m);
    expect(await ok(["get", "instances", "-o", "wide"])).toMatch(/DESCRIPTION/);
  });

  it("apply creates, reports unchanged, then configures an update (client-side, merge patch for a CR)", async () => {
    const file = await h.manifest("ss-apply.yaml", syncYaml("edp1secrets"));
    expect(await ok(["apply", "-f", file])).toBe("secretsync.secret-sync.x-k8s.io/edp1secrets created\n");
    expect(await ok(["apply", "-f", file])).toBe("secretsync.secret-sync.x-k8s.io/edp1secrets unchanged\n");
    await h.manifest("ss-apply.yaml", syncYaml("edp1secrets", { targetKey: "user" }));
    expect(await ok(["apply", "-f", file])).toBe("secretsync.secret-sync.x-k8s.io/edp1secrets configured\n");
    const live = JSON.parse(await ok(["get", "secretsync", "edp1secrets", "-o", "json"]));
    expect(live.spec.secretObject.data).toEqual([{ sourcePath: "kafka-user", targetKey: "user" }]);
    expect(live.metadata.generation).toBe(2);
    expect(live.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toContain('"targetKey":"user"');
    const table = await ok(["get", "secretsyncs"]);
    expect(table).toMatch(/^NAME\s+SPC\s+TYPE\s+LAST SYNC\s+AGE$/m);
    expect(table).toMatch(/^edp1secrets\s+spc-ops-d6f672d\s+Opaque\s+\d+s$/m);
  });

  it("built-in kinds: typed create (protobuf bodies), apply update by strategic merge, default patch", async () => {
    expect(await ok(["create", "namespace", "line-9"])).toBe("namespace/line-9 created\n");
    expect(await ok(["create", "secret", "generic", "kafka-sasl", "--from-literal=username=$ConnectionString"]))
      .toBe("secret/kafka-sasl created\n");
    expect(await ok(["get", "secrets"])).toMatch(/^kafka-sasl\s+Opaque\s+1\s+\d+s$/m);
    const file = await h.manifest("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust}\ndata: {a: \"1\"}\n");
    expect(await ok(["apply", "-f", file])).toBe("configmap/trust created\n");
    await h.manifest("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust}\ndata: {a: \"2\"}\n");
    expect(await ok(["apply", "-f", file])).toBe("configmap/trust configured\n");
    expect(await ok(["apply", "-f", file])).toBe("configmap/trust unchanged\n");
    expect(await ok(["patch", "configmap", "trust", "-p", '{"data":{"b":"3"}}'])).toBe("configmap/trust patched\n");
    expect(JSON.parse(await ok(["get", "configmap", "trust", "-o", "jsonpath={.data}"]))).toEqual({ a: "2", b: "3" });
    expect(await ok(["get", "configmaps"])).toMatch(/^trust\s+2\s+\d+s$/m);
  });

  it("get -o yaml/json, -l and -A", async () => {
    await ok(["apply", "-f", await h.manifest("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: line-7}\n")]);
    await ok(["apply", "-f", await h.manifest("ss-other.yaml", syncYaml("plc-creds", { namespace: "line-7", labels: "app: plc" }))]);
    const yaml = await ok(["get", "instance", "aio-demo", "-o", "yaml"]);
    expect(yaml).toMatch(/^apiVersion: iotoperations\.azure\.com\/v1\nkind: Instance\n/);
    expect(yaml).toMatch(/^ {2}namespace: azure-iot-operations$/m);
    const json = JSON.parse(await ok(["get", "secretsync", "plc-creds", "-n", "line-7", "-o", "json"]));
    expect(json).toMatchObject({ kind: "SecretSync", metadata: { name: "plc-creds", namespace: "line-7", labels: { app: "plc" } } });
    const all = await ok(["get", "secretsyncs", "-A"]);
    expect(all).toMatch(/^NAMESPACE\s+NAME\s+SPC/m);
    expect(all).toMatch(/^azure-iot-operations\s+edp1secrets\s/m);
    expect(all).toMatch(/^line-7\s+plc-creds\s/m);
    const labelled = await ok(["get", "secretsyncs", "-A", "-l", "app=plc", "-o", "name"]);
    expect(labelled).toBe("secretsync.secret-sync.x-k8s.io/plc-creds\n");
    expect((await h.run(["get", "secretsyncs", "-l", "app=nothing"])).stderr).toMatch(/No resources found in azure-iot-operations namespace/);
  });

  it("describe shows the object as an operator reads it, with its events", async () => {
    const uid = await ok(["get", "secretsync", "edp1secrets", "-o", "jsonpath={.metadata.uid}"]);
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    await ok(["apply", "-f", await h.manifest("event.yaml", `
apiVersion: v1
kind: Event
metadata: {name: edp1secrets.sync1}
involvedObject: {apiVersion: secret-sync.x-k8s.io/v1alpha1, kind: SecretSync, name: edp1secrets, namespace: azure-iot-operations, uid: ${uid}}
reason: SecretSynced
message: Secret created successfully.
type: Normal
source: {component: secrets-store-sync-controller}
firstTimestamp: "${now}"
lastTimestamp: "${now}"
count: 1
`)]);
    const out = await ok(["describe", "secretsync", "edp1secrets"]);
    expect(out).toMatch(/^ {2}Normal\s+SecretSynced\s+\d+s\s+secrets-store-sync-controller\s+Secret created successfully\.$/m);
    expect(await ok(["get", "events"])).toMatch(/^edp1secrets\.sync1\s+Normal\s+SecretSynced\s+secretsync\/edp1secrets\s+Secret created successfully\.\s+\d+s$/m);
    expect(out).toMatch(/^Name:\s+edp1secrets$/m);
    expect(out).toMatch(/^Namespace:\s+azure-iot-operations$/m);
    expect(out).toMatch(/^Labels:\s+app=demo$/m);
    expect(out).toMatch(/Secret Provider Class Name:\s+spc-ops-d6f672d/);
    expect(out).toMatch(/Target Key:\s+user/);
  });

  it("replace with a stale resourceVersion is refused with Conflict", async () => {
    const stale = await ok(["get", "secretsync", "edp1secrets", "-o", "json"]);
    await ok(["label", "secretsync", "edp1secrets", "touched=yes"]);
    const r = await h.run(["replace", "-f", await h.manifest("stale.json", stale)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (Conflict): error when replacing');
    expect(r.stderr).toContain('Operation cannot be fulfilled on secretsyncs.secret-sync.x-k8s.io "edp1secrets": ' +
      "the object has been modified; please apply your changes to the latest version and try again");
  });

  it("rejects a schema-invalid object naming the fields, and stores nothing", async () => {
    const r = await h.run(["apply", "-f", await h.manifest("bad.yaml", `
apiVersion: secret-sync.x-k8s.io/v1alpha1
kind: SecretSync
metadata: {name: bad-sync}
spec:
  serviceAccountName: Not_A_Name
  secretProviderClassName: spc
  secretObject: {type: Opaque, data: [], labels: {secrets-store.sync.x-k8s.io/mine: "x"}}
`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The SecretSync "bad-sync" is invalid');
    expect(r.stderr).toMatch(/spec\.serviceAccountName: Invalid value: "Not_A_Name"/);
    expect(r.stderr).toMatch(/spec\.secretObject\.data: Invalid value: 0: .*at least 1 items/);
    expect(r.stderr).toContain("Labels should not contain secrets-store.sync.x-k8s.io. This key is reserved for the controller.");
    expect((await h.run(["get", "secretsync", "bad-sync"])).stderr)
      .toContain('Error from server (NotFound): secretsyncs.secret-sync.x-k8s.io "bad-sync" not found');
  });

  it("accepts the AIO kinds as the portal writes them, and names a wrong enum value", async () => {
    const file = await h.manifest("aio.yaml", `
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: spc-ops-d6f672d}
spec:
  provider: azure
  parameters:
    clientID: 11111111-2222-3333-4444-555555555555
    keyvaultName: opsportal-demo-kv
    tenantId: 72f988bf-0000-0000-0000-000000000000
    objects: |
      array:
        - |
          objectName: kafka-user
          objectType: secret
---
apiVersion: namespaces.deviceregistry.microsoft.com/v1
kind: Device
metadata: {name: plc-line-7}
spec:
  enabled: true
  manufacturer: Contoso
  endpoints:
    inbound:
      plc-opcua:
        address: opc.tcp://10.0.0.12:4840
        endpointType: Microsoft.OpcUa
        authentication:
          method: UsernamePassword
          usernamePasswordCredentials: {usernameSecretName: edp1secrets/username, passwordSecretName: edp1secrets/password}
---
apiVersion: connectivity.iotoperations.azure.com/v1
kind: DataflowEndpoint
metadata: {name: eh-endpoint}
spec:
  endpointType: Kafka
  kafkaSettings:
    host: contoso.servicebus.windows.net:9093
    authentication:
      method: Sasl
      saslSettings: {saslType: Plain, secretRef: eh-sasl}
    tls: {mode: Enabled}
`);
    expect((await ok(["apply", "-f", file])).split("\n").filter(Boolean)).toEqual([
      "secretproviderclass.secrets-store.csi.x-k8s.io/spc-ops-d6f672d created",
      "device.namespaces.deviceregistry.microsoft.com/plc-line-7 created",
      "dataflowendpoint.connectivity.iotoperations.azure.com/eh-endpoint created",
    ]);
    expect(await ok(["get", "secretproviderclasses"])).toMatch(/^spc-ops-d6f672d\s+azure\s+opsportal-demo-kv\s+\d+s$/m);
    expect(await ok(["get", "devices"])).toMatch(/^plc-line-7\s+true\s+Contoso\s+\d+s$/m);
    expect(await ok(["get", "dataflowendpoints"])).toMatch(/^eh-endpoint\s+Kafka\s+\d+s$/m);

    const r = await h.run(["patch", "device", "plc-line-7", "--type", "merge", "-p",
      '{"spec":{"endpoints":{"inbound":{"plc-opcua":{"authentication":{"method":"Password"}}}}}}']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec.endpoints.inbound[plc-opcua].authentication.method: Unsupported value: "Password"');
  });

  it("get -w prints the current row, then a row for an update", async () => {
    const watch = h.spawn(["get", "secretsyncs", "-w"]);
    try {
      await watch.waitForLine(/^edp1secrets\s+spc-ops-d6f672d\s+Opaque/);
      const seen = watch.lines.length;
      await ok(["patch", "secretsync", "edp1secrets", "--type", "merge", "-p", '{"spec":{"secretProviderClassName":"spc-next"}}']);
      expect(await watch.waitForLine(/^edp1secrets\s+spc-next\s+Opaque/, { from: seen })).toBeTruthy();
    } finally {
      await watch.kill();
    }
  });

  it("explain reads the kinds' OpenAPI schemas", async () => {
    const out = await ok(["explain", "secretsync.spec.secretObject"]);
    expect(out).toMatch(/^KIND:\s+SecretSync$/m);
    expect(out).toMatch(/^ {2}data\s+<\[\]Object> -required-$/m);
    const device = await ok(["explain", "devices.spec.endpoints.inbound.authentication.method"]);
    expect(device).toContain("Anonymous, Certificate or UsernamePassword");
    const secret = await ok(["explain", "secret.data"]);
    expect(secret).toMatch(/^VERSION:\s+v1$/m);
    expect(secret).toMatch(/^FIELD: data <map\[string\]string>$/m);
  });

  it("delete removes the object; get then reports NotFound", async () => {
    expect(await ok(["delete", "secretsync", "edp1secrets"])).toBe('secretsync.secret-sync.x-k8s.io "edp1secrets" deleted\n');
    const r = await h.run(["get", "secretsync", "edp1secrets"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (NotFound): secretsyncs.secret-sync.x-k8s.io "edp1secrets" not found');
  });

  it("TokenRequest (kubectl create --raw) returns a token the published issuer vouches for", async () => {
    await ok(["apply", "-f", await h.manifest("sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: aio-ssc-sa}\n")]);
    expect(await ok(["get", "sa"])).toMatch(/^aio-ssc-sa\s+0\s+\d+s$/m);
    const request = await h.manifest("token-request.json", JSON.stringify({ apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest", spec: { audiences: ["api://AzureADTokenExchange"], expirationSeconds: 900 } }));
    const path = "/api/v1/namespaces/azure-iot-operations/serviceaccounts/aio-ssc-sa/token";
    const answer = JSON.parse(await ok(["create", "--raw", path, "-f", request]));
    expect(answer).toMatchObject({ kind: "TokenRequest", spec: { audiences: ["api://AzureADTokenExchange"], expirationSeconds: 900 } });

    const discovery = JSON.parse(await ok(["get", "--raw", "/.well-known/openid-configuration"]));
    expect(discovery).toEqual(expect.objectContaining({ issuer: h.cluster.url, jwks_uri: `${h.cluster.url}/openid/v1/jwks` }));
    const jwks = JSON.parse(await ok(["get", "--raw", "/openid/v1/jwks"]));
    const { payload } = await jwtVerify(answer.status.token, createLocalJWKSet(jwks),
      { issuer: discovery.issuer, audience: "api://AzureADTokenExchange" });
    expect(payload.sub).toBe("system:serviceaccount:azure-iot-operations:aio-ssc-sa");
    expect(new Date(payload.exp! * 1000).toISOString().replace(".000Z", "Z")).toBe(answer.status.expirationTimestamp);

    const missing = await h.run(["create", "--raw", path.replace("aio-ssc-sa", "nobody"), "-f", request]);
    expect(missing.stderr).toContain('Error from server (NotFound): serviceaccounts "nobody" not found');
  });

  it("kubectl create token (a protobuf TokenRequest) prints a token; refuses a missing account and a short lifetime", async () => {
    const jwks = createLocalJWKSet(JSON.parse(await ok(["get", "--raw", "/openid/v1/jwks"])));
    const token = (await ok(["create", "token", "aio-ssc-sa", "--audience", "api://AzureADTokenExchange", "--duration", "15m"])).trim();
    const { payload } = await jwtVerify(token, jwks, { issuer: h.cluster.url, audience: "api://AzureADTokenExchange" });
    expect(payload).toMatchObject({ sub: "system:serviceaccount:azure-iot-operations:aio-ssc-sa" });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect((await h.run(["create", "token", "nobody"])).stderr)
      .toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    expect((await h.run(["create", "token", "aio-ssc-sa", "--duration", "1m"])).stderr).toContain(
      'TokenRequest.authentication.k8s.io "aio-ssc-sa" is invalid: spec.expirationSeconds: Invalid value: 60: ' +
      "may not specify a duration less than 10 minutes");
  });

  it("refuses a wrong bearer token with Unauthorized", async () => {
    const text = (await readFile(h.cluster.kubeconfig, "utf8")).replace(/token: ".*"/, 'token: "not-the-token"');
    const r = await h.run(["get", "namespaces"], { kubeconfig: await h.manifest("wrong-kubeconfig", text) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: You must be logged in to the server \(Unauthorized\)/);
  });
});
