// Test support only (tests judge the stand-ins with the real client; the controller itself speaks plain HTTPS).
import * as k8s from "@kubernetes/client-node";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IdentityStore } from "../../identity/store";
import { stackLayout } from "../../shared/layout";
import { startStack, type RunningStack } from "../../stack";
import { startSyncController, type RunningSyncController } from "../controller";
import { HttpsClient } from "../https-json";

export const NS = "azure-iot-operations";
export const SS = { group: "secret-sync.x-k8s.io", version: "v1alpha1", namespace: NS, plural: "secretsyncs" };
export const SPC = { group: "secrets-store.csi.x-k8s.io", version: "v1", namespace: NS, plural: "secretproviderclasses" };
export const MERGE = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire JSON
export type Wire = any;

export interface SyncStack {
  stack: RunningStack;
  dataDir: string;
  core: k8s.CoreV1Api;
  custom: k8s.CustomObjectsApi;
  identity: IdentityStore;
  /** Key Vault as the automation client (Secrets Officer) uses it, over REST. */
  vault: {
    set(name: string, value: string, attributes?: Record<string, unknown>): Promise<void>;
    remove(name: string): Promise<number>;
    get(name: string): Promise<{ status: number; value?: string }>;
  };
  /** Stops the running sync controller and starts another on the same cluster (a controller restart). */
  restartController(o?: { syncIntervalMs?: number; stopOnly?: boolean }): Promise<RunningSyncController | undefined>;
  stop(): Promise<void>;
}

/** A fresh local stack (free ports, temp data folder, demo seed) with clients for the cluster, vault and identities. */
export async function startSyncStack(o: { syncIntervalMs: number; seed?: boolean }): Promise<SyncStack> {
  const dataDir = await mkdtemp(join(tmpdir(), "sync-controller-"));
  const stack = await startStack({ dataDir, syncIntervalMs: o.syncIntervalMs, seed: o.seed ?? true });
  const e = stack.endpoints;
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(e.kubeconfig);
  const http = new HttpsClient(await readFile(e.caFile, "utf8"));
  const vaultToken = async () => {
    const r = await http.send({ method: "POST", url: e.tokenEndpoint, headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: e.automationClient.clientId,
        client_secret: e.automationClient.clientSecret, scope: "https://vault.azure.net/.default" }).toString() });
    return (r.json as { access_token: string }).access_token;
  };
  const vaultCall = async (method: string, name: string, body?: unknown) => http.send({
    method, url: `${e.keyVaultUrl}secrets/${name}?api-version=7.6`, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${await vaultToken()}`, "content-type": "application/json" },
  });
  let controller: RunningSyncController | undefined = stack.syncController;
  return {
    stack, dataDir,
    core: kc.makeApiClient(k8s.CoreV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
    identity: await IdentityStore.open(stackLayout(dataDir).identityDir),
    vault: {
      async set(name, value, attributes) {
        const r = await vaultCall("PUT", name, { value, ...(attributes ? { attributes } : {}) });
        if (r.status !== 200) throw new Error(`set ${name}: ${r.status} ${r.text}`);
      },
      remove: async (name) => (await vaultCall("DELETE", name)).status,
      async get(name) {
        const r = await vaultCall("GET", name);
        return { status: r.status, value: (r.json as { value?: string } | undefined)?.value };
      },
    },
    async restartController(r = {}) {
      await controller?.stop();
      controller = undefined;
      if (r.stopOnly) return undefined;
      controller = await startSyncController({
        kubeconfigFile: e.kubeconfig, ca: await readFile(e.caFile, "utf8"), authorityHost: e.authorityHost,
        vaults: { [e.keyVaultName]: e.keyVaultUrl }, syncIntervalMs: r.syncIntervalMs ?? o.syncIntervalMs,
      });
      return controller;
    },
    async stop() {
      await controller?.stop();
      await stack.stop();
      http.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` every 50 ms until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

/** `objects` of an SPC in the CLI's layout, from per-object fields. */
export function spcObjects(objects: Record<string, string>[]): string {
  return `array:\n${objects.map((o) => `    - |\n${Object.entries(o).map(([k, v]) => `      ${k}: ${v}\n`).join("")}`).join("")}`;
}

export const b64 = (s: string) => Buffer.from(s).toString("base64");
