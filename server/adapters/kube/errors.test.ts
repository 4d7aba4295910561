import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiException } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKubeAdapter } from "@/server/adapters/kube";
import { connectToCluster } from "@/server/adapters/kube/connection";
import { mapKubeError } from "@/server/adapters/kube/errors";
import { AppError } from "@/server/errors";

const ctx = { operation: "update" as const, kind: "SecretSync", resource: "secretsyncs.secret-sync.x-k8s.io",
  namespace: "azure-iot-operations", name: "edp1secrets", cluster: "cluster 'edge-1' (https://10.0.0.1:6443)" };
const status = (code: number, reason: string, extra: object = {}) =>
  new ApiException(code, `HTTP-Code: ${code}`, JSON.stringify({ kind: "Status", code, reason, message: `${reason} happened`, ...extra }), {});

let dir: string;
let silent: Server;
const sockets: Socket[] = [];

async function kubeconfigFor(port: number): Promise<string> {
  const file = join(dir, `kubeconfig-${port}`);
  await writeFile(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: edge\n  cluster:\n    server: https://127.0.0.1:${port}\n` +
    "    insecure-skip-tls-verify: true\nusers:\n- name: portal\n  user:\n    token: t0k3n\ncontexts:\n- name: edge\n" +
    "  context:\n    cluster: edge\n    user: portal\ncurrent-context: edge\n");
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kube-errors-"));
  // Accepts connections and never answers: a cluster that hangs.
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe("mapKubeError", () => {
  it("names what the portal's identity lacks on 403", () => {
    const e = mapKubeError(status(403, "Forbidden"), ctx);
    expect(e).toMatchObject({ status: 403, kind: "forbidden", upstream: { service: "kubernetes", code: "Forbidden" } });
    expect(e.detail).toBe("The portal may not update secretsyncs.secret-sync.x-k8s.io in namespace 'azure-iot-operations' " +
      "of cluster 'edge-1' (https://10.0.0.1:6443): grant its service account 'update' on secretsyncs.secret-sync.x-k8s.io there.");
  });

  it("names each unknown field of a fieldValidation=Strict refusal (400) as a field error", () => {
    const e = mapKubeError(status(400, "BadRequest", { message: 'DataflowEndpoint in version "v1" cannot be handled as a ' +
      'DataflowEndpoint: strict decoding error: unknown field "spec.kafkaSettings.hots", unknown field "spec.foo"' }), ctx);
    expect(e).toMatchObject({ status: 400, kind: "bad-request", errors: {
      "spec.kafkaSettings.hots": ['unknown field "spec.kafkaSettings.hots"'], "spec.foo": ['unknown field "spec.foo"'] } });
    expect(mapKubeError(status(400, "BadRequest"), ctx).errors).toBeUndefined();
  });

  it("tells a stale write (Conflict) from a taken name (AlreadyExists)", () => {
    expect(mapKubeError(status(409, "Conflict"), ctx).detail).toMatch(/changed by someone else meanwhile/);
    expect(mapKubeError(status(409, "AlreadyExists"), ctx).detail).toMatch(/already exists in namespace/);
  });

  it("passes on throttling with its Retry-After", () => {
    const e = mapKubeError(new ApiException(429, "", JSON.stringify({ reason: "TooManyRequests" }), { "retry-after": "7" }), ctx);
    expect(e).toMatchObject({ status: 429, retryAfterSeconds: 7 });
  });

  it("maps 5xx to upstream kubernetes with the server's reason", () => {
    expect(mapKubeError(status(500, "InternalError"), ctx)).toMatchObject({ status: 502, upstream: { code: "InternalError" } });
    expect(mapKubeError(status(504, "Timeout"), ctx)).toMatchObject({ status: 504, upstream: { code: "Timeout" } });
  });

  it("treats an unknown throw as internal, never copying its message", () => {
    const e = mapKubeError(new Error("token=abc"), ctx);
    expect(e).toBeInstanceOf(AppError);
    expect(e.kind).toBe("internal");
    expect(e.detail).not.toContain("abc");
  });
});

describe("kube adapter against a cluster that is not there", () => {
  it("reports an unreachable API server as 503 with the socket error", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const kube = createKubeAdapter({ kube: { source: "kubeconfig", path: await kubeconfigFor(port) },
      instance: { name: "aio", namespace: "azure-iot-operations" } });
    await expect(kube.secretSyncs.list()).rejects.toMatchObject({ status: 503,
      upstream: { service: "kubernetes", code: "ECONNREFUSED" }, detail: expect.stringContaining(`https://127.0.0.1:${port}`) });
  });

  it("gives up on a server that never answers, as 504", async () => {
    const port = (silent.address() as { port: number }).port;
    const connection = connectToCluster({ source: "kubeconfig", path: await kubeconfigFor(port) }, { timeoutMs: 300 });
    const kube = createKubeAdapter({ kube: null, instance: { name: "aio", namespace: "azure-iot-operations" } }, { connection });
    const started = Date.now();
    await expect(kube.devices.list()).rejects.toMatchObject({ status: 504, upstream: { service: "kubernetes" } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("reports a missing kubeconfig by path, as 503", async () => {
    const kube = createKubeAdapter({ kube: { source: "kubeconfig", path: join(dir, "absent") },
      instance: { name: "aio", namespace: "azure-iot-operations" } });
    await expect(kube.instance.get()).rejects.toMatchObject({ status: 503,
      detail: expect.stringMatching(/could not load the kubeconfig '.*absent' \(ENOENT\)/) });
  });
});
