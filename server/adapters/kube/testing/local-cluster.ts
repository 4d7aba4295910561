import "server-only";
import { readFileSync } from "node:fs";
import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "node:https";
import { ClientSecretCredential } from "@azure/identity";
import { CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { startStackProcess, type StackProcess } from "@/scripts/stack-process";
import { createKeyVaultAdapter, type KeyVaultSecretsAdapter } from "@/server/adapters/key-vault";
import { createKubeAdapter, type KubeAdapter, type KubeAdapterOptions } from "@/server/adapters/kube";

/**
 * The local stack as a child process (portal code never imports emulators/), on free ports and a temporary data
 * folder, for adapter tests. `raw` is a plain client-node client for arranging what the adapter itself does not
 * write (SecretProviderClasses, foreign SecretSyncs, Secrets); `hooks` calls the stand-in's /_stack/ test hooks.
 */
export interface LocalCluster {
  kubeconfig: string;
  namespace: string;
  instanceName: string;
  adapter(o?: KubeAdapterOptions & { kubeconfig?: string }): KubeAdapter;
  /** The Key Vault stand-in through the portal's own adapter and server identity (Key Vault Secrets Officer). */
  vault(): KeyVaultSecretsAdapter;
  raw: { custom: CustomObjectsApi; core: CoreV1Api };
  hooks(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** A copy of the kubeconfig with another bearer token (a refused credential). */
  kubeconfigWithToken(token: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalCluster(): Promise<LocalCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), "kube-adapter-"));
  let stack: StackProcess;
  try {
    stack = await startStackProcess({ dataDir, portIdentity: 0, portKeyVault: 0, portKube: 0, stdio: "ignore" });
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { kubeconfig, instance } = stack.endpoints;
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const server = new URL(kc.getCurrentCluster()!.server);
  const token = kc.getCurrentUser()!.token!;
  const ca = await readFile(kc.getCurrentCluster()!.caFile!, "utf8");
  const config = { kube: { source: "kubeconfig" as const, path: kubeconfig }, instance: { name: instance.name, namespace: instance.namespace } };

  return {
    kubeconfig,
    namespace: instance.namespace,
    instanceName: instance.name,
    vault() {
      const e = stack.endpoints;
      const agent = new Agent({ ca: readFileSync(e.caFile, "utf8"), keepAlive: true });
      const credential = new ClientSecretCredential(e.tenantId, stack.portalIdentity.clientId, stack.portalIdentity.clientSecret,
        { authorityHost: e.authorityHost, disableInstanceDiscovery: true, agent });
      return createKeyVaultAdapter({
        keyVault: { url: e.keyVaultUrl, name: e.keyVaultName, disableChallengeResourceVerification: true, indexRefreshSeconds: 60 },
        azure: { tenantId: e.tenantId, clientId: stack.portalIdentity.clientId, clientSecret: stack.portalIdentity.clientSecret,
          authorityHost: e.authorityHost, disableInstanceDiscovery: true },
      }, credential, { agent });
    },
    adapter: (o = {}) => createKubeAdapter(o.kubeconfig ? { ...config, kube: { source: "kubeconfig", path: o.kubeconfig } } : config, o),
    raw: { custom: kc.makeApiClient(CustomObjectsApi), core: kc.makeApiClient(CoreV1Api) },
    hooks: (method, path, body) => new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request({ host: server.hostname, port: server.port, path: `/_stack/${path}`, method, ca,
        headers: { authorization: `Bearer ${token}`, ...(payload && { "content-type": "application/json" }) } }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) as unknown : null }));
      });
      req.on("error", reject).end(payload);
    }),
    async kubeconfigWithToken(other) {
      const file = join(dataDir, `kubeconfig-${other.length}`);
      await writeFile(file, (await readFile(kubeconfig, "utf8")).replace(token, other), { mode: 0o600 });
      return file;
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
