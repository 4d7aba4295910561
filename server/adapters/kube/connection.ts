import "server-only";
import {
  CoreV1Api, createConfiguration, CustomObjectsApi, KubeConfig, Observable, ServerConfiguration, setHeaderMiddleware, Watch,
  type ConfigurationOptions, type ObservableMiddleware,
  type RequestContext,
} from "@kubernetes/client-node";
import { kubeHttpLibrary } from "@/server/adapters/kube/http-library";
import type { KubeConnectionConfig } from "@/server/config/env";

/**
 * How the portal reaches the cluster: the kubeconfig given (local stack: the stand-in's; an operator's machine) or
 * the pod's service account. Both give the same clients, so everything above this file runs one code path.
 */
export interface KubeConnection {
  custom: CustomObjectsApi;
  core: CoreV1Api;
  /** For messages: `cluster 'local-stack' (https://127.0.0.1:6443)`. Never credentials. */
  cluster: string;
  /** Per-call options: a deadline, so a cluster that stops answering fails the request instead of hanging it. */
  callOptions(): ConfigurationOptions;
}

/** What the watch cache needs besides calls: watches (client-node's `Watch`, which needs the KubeConfig). */
export interface KubeWatcher {
  /**
   * A watch (`?watch=true`, JSON lines) of an API path: `onEvent` per line, `onDone` once when it ends (null: the
   * server closed it, e.g. its timeout, or 30 s went by without a line; else the error). Resolves with its stop.
   */
  watch(path: string, query: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: unknown) => void, onDone: (err: unknown) => void): Promise<{ abort(): void }>;
}

/** An API server answers in milliseconds; a list of a few thousand objects in a second or two. */
const DEFAULT_TIMEOUT_MS = 15_000;

export function connectToCluster(config: KubeConnectionConfig, o: { timeoutMs?: number } = {}): KubeConnection & KubeWatcher {
  const kc = new KubeConfig();
  if (config.source === "kubeconfig") kc.loadFromFile(config.path);
  else kc.loadFromCluster();
  const current = kc.getCurrentCluster();
  const cluster = config.source === "in-cluster" ? `the cluster the portal runs in (${current?.server ?? "in-cluster"})`
    : `cluster '${current?.name ?? kc.getCurrentContext()}' (${current?.server ?? "no server in the kubeconfig"})`;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // client-node hands every call a new undici Agent (its TLS options from the kubeconfig), so every call opened its
  // own connection: a TCP and TLS handshake before each request of a save. The first call's Agent serves them all,
  // keeping connections alive. What authenticates a call is a header set per call (tokens, also refreshed ones); the
  // Agent holds only the CA and a client certificate, fixed for a cluster and user (client-node caches its https
  // agents by cluster and user the same way).
  let dispatcher: ReturnType<RequestContext["getDispatcher"]>;
  // The object-parameter API runs Observable middleware (client-node's own minimal Observable over a promise).
  const deadline: ObservableMiddleware = {
    pre: (request) => {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      dispatcher ??= request.getDispatcher();
      if (dispatcher) request.setDispatcher(dispatcher);
      return new Observable(Promise.resolve(request));
    },
    post: (response) => new Observable(Promise.resolve(response)),
  };
  return {
    custom: apiClient(kc, CustomObjectsApi),
    core: apiClient(kc, CoreV1Api),
    cluster,
    callOptions: () => ({ middleware: [deadline], middlewareMergeStrategy: "append" }),
    watch: async (path, query, onEvent, onDone) => {
      const controller = await new Watch(kc).watch(path, query, (type, object) => onEvent(type, object), onDone);
      return { abort: () => controller.abort() };
    },
  };
}

/** As `KubeConfig.makeApiClient` (the kubeconfig authenticates each call), over {@link kubeHttpLibrary}. */
function apiClient<T>(kc: KubeConfig, api: new (config: ReturnType<typeof createConfiguration>) => T): T {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error("The kubeconfig names no current cluster.");
  return new api(createConfiguration({
    baseServer: new ServerConfiguration(server, {}),
    authMethods: { default: kc },
    httpApi: kubeHttpLibrary,
    middleware: [setHeaderMiddleware("User-Agent", "ops-portal")],
  }));
}
