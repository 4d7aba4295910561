import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKubeAdapter } from "@/server/adapters/kube";
import { connectToCluster } from "@/server/adapters/kube/connection";

const crypto = webcrypto as unknown as Crypto;
let dir: string;
let server: Server;
let port: number;
let handshakes = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kube-connection-"));
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: "01", name: "CN=localhost",
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 3_600_000), keys, signingAlgorithm: alg,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: "ip", value: "127.0.0.1" }])] }, crypto);
  const key = x509.PemConverter.encode(await crypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY");
  // An API server that lists no objects.
  server = createServer({ cert: cert.toString("pem"), key }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ apiVersion: "v1", kind: "List", items: [], metadata: {} }));
  });
  server.on("secureConnection", () => handshakes++);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
  await writeFile(join(dir, "kubeconfig"), `apiVersion: v1\nkind: Config\nclusters:\n- name: edge\n  cluster:\n` +
    `    server: https://127.0.0.1:${port}\n    certificate-authority-data: ${Buffer.from(cert.toString("pem")).toString("base64")}\n` +
    "users:\n- name: portal\n  user:\n    token: t0k3n\ncontexts:\n- name: edge\n  context:\n    cluster: edge\n    user: portal\n" +
    "current-context: edge\n");
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe("kube connection", () => {
  it("keeps its connections to the API server for the next calls, instead of a TLS handshake per call", async () => {
    const connection = connectToCluster({ source: "kubeconfig", path: join(dir, "kubeconfig") });
    const kube = createKubeAdapter({ kube: null, instance: { name: "aio", namespace: "azure-iot-operations" } }, { connection });
    for (let i = 0; i < 4; i++) expect(await kube.devices.list()).toEqual([]);
    for (let i = 0; i < 4; i++) expect(await kube.secretSyncs.list()).toEqual([]);
    // A call that follows another at once may still open a second connection (the first one not yet free).
    expect(handshakes).toBeLessThanOrEqual(2);
  });
});
