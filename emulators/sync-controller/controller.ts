import { SecretWriter } from "./apply-secret";
import { HttpsClient } from "./https-json";
import { Informer, keyOf } from "./informer";
import { KubeClient, paths } from "./kube-client";
import { reconcile, type Outcome } from "./reconcile";
import { WorkQueue } from "./work-queue";
import { WorkloadTokens } from "./workload-token";

export const DEFAULT_SYNC_INTERVAL_MS = 120_000;
const FIRST_RETRY_MS = 1_000;

export interface SyncControllerOptions {
  /** kubeconfig of the cluster (server URL, CA, token): the controller is an API client like any other. */
  kubeconfigFile: string;
  /** PEM of the CA the identity provider and the vaults are trusted by. */
  ca: string;
  /** Entra authority host (ends with `/`): the token endpoint is `<authorityHost><tenantId>/oauth2/v2.0/token`. */
  authorityHost: string;
  /** keyvaultName → vault URL (in Azure `https://<name>.vault.azure.net/`). */
  vaults: Readonly<Record<string, string>>;
  /** Poll interval (SYNC_INTERVAL): every SecretSync is reconciled this often. Default 120 s. */
  syncIntervalMs?: number;
  log?(line: string): void;
}

export interface RunningSyncController {
  /** Resolves when no reconcile is queued or running (retries waiting for their backoff do not count). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The sync controller stand-in (what the Secret Store extension runs): watches SecretSyncs of every namespace and
 * reconciles one on creation, when its metadata.generation changes (spec edits, forceSynchronization), and every
 * poll interval; a failed reconcile is retried with backoff (1 s doubling, up to the poll interval). SPC edits alone
 * trigger nothing: the next poll sees them through the hash. Deletes are left to garbage collection.
 * Resolves once the first list has been queued.
 */
export async function startSyncController(o: SyncControllerOptions): Promise<RunningSyncController> {
  const interval = o.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const log = o.log ?? (() => undefined);
  const kube = await KubeClient.fromKubeconfig(o.kubeconfigFile);
  const http = new HttpsClient(o.ca);
  const vaults = new Map(Object.entries(o.vaults).map(([k, v]) => [k.toLowerCase(), v]));
  const deps = {
    kube, http, tokens: new WorkloadTokens(kube, http, o.authorityHost), writer: new SecretWriter(kube),
    vaultUrl: (name: string) => vaults.get(name.toLowerCase()), log,
  };
  const failures = new Map<string, number>();

  const queue = new WorkQueue(async (key) => {
    const [namespace, name] = key.split("/") as [string, string];
    let outcome: Outcome;
    try {
      outcome = await reconcile(deps, namespace, name);
    } catch (err) {
      log(`${key}: reconcile failed: ${(err as Error).message}`);
      outcome = { result: "failed", reason: "ControllerInternalError" };
    }
    if (outcome.result === "failed") {
      const n = (failures.get(key) ?? 0) + 1;
      failures.set(key, n);
      queue.addAfter(key, Math.min(FIRST_RETRY_MS * 2 ** (n - 1), interval));
    } else {
      failures.delete(key);
    }
  });

  const informer = new Informer(kube, paths.secretSyncs(), {
    added: (ss) => queue.add(keyOf(ss)),
    updated: (old, ss) => {
      if (old.metadata.generation !== ss.metadata.generation) queue.add(keyOf(ss));
    },
    deleted: (ss) => failures.delete(keyOf(ss)),
    error: (err) => log(`watch of SecretSyncs: ${(err as Error).message}; retrying`),
  });
  await informer.start();
  const poll = setInterval(() => {
    for (const key of informer.cache.keys()) queue.add(key);
  }, interval);
  poll.unref();

  let stopping: Promise<void> | undefined;
  return {
    idle: () => queue.idle(),
    stop: () => (stopping ??= (async () => {
      clearInterval(poll);
      await informer.stop();
      await queue.stop();
      kube.close();
      http.close();
    })()),
  };
}
