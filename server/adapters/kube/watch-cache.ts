import "server-only";
import type { V1Secret } from "@kubernetes/client-node";
import type { DataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import { dataflowEndpointSpec } from "@/lib/schemas/dataflow-endpoint";
import type { DeviceSpec } from "@/lib/schemas/device";
import { deviceSpec } from "@/lib/schemas/device";
import type { KubeSecretMetadata } from "@/lib/schemas/kube-secret";
import type { SecretProviderClass } from "@/lib/schemas/secret-provider-class";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import type { PortalConfig } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { connectToCluster, type KubeConnection, type KubeWatcher } from "@/server/adapters/kube/connection";
import type { CustomKind } from "@/server/adapters/kube/custom-resources";
import { mapKubeError } from "@/server/adapters/kube/errors";
import { createInformer, type Informer, type InformerPage, type InformerSource } from "@/server/adapters/kube/informer";
import { DATAFLOW_ENDPOINT } from "@/server/adapters/kube/kinds/dataflow-endpoint";
import { DEVICE } from "@/server/adapters/kube/kinds/device";
import { managedSelector, toSecretMetadata } from "@/server/adapters/kube/kinds/secret";
import { SECRET_PROVIDER_CLASS, toSecretProviderClass } from "@/server/adapters/kube/kinds/secret-provider-class";
import { SECRET_SYNC, toSecretSync } from "@/server/adapters/kube/kinds/secret-sync";
import { toSpecObject, type SpecObject } from "@/server/adapters/kube/kinds/spec-resource";
import { remember } from "@/server/adapters/kube/read-objects";
import { LIST_PAGE_SIZE } from "@/server/adapters/kube/paging";
import type { WireObject } from "@/server/adapters/kube/wire";

/**
 * The kinds the Secrets page joins, kept in memory by list + watch (server/adapters/kube/informer.ts): once warm, a
 * list of synced secrets makes no Kubernetes call however many rows it has, and a status the sync controller writes
 * reaches the page through `onChange` within a watch event's latency.
 *
 * For reads that show things only. A write's safety never rests on it: the no-dangling delete and the saves read
 * the cluster itself (a watch may lag the API server by a moment).
 */
export interface KubeWatchCache {
  secretSyncs: Informer<SecretSync>;
  /** The sync controller's Secrets, metadata only (values are dropped as each object arrives). */
  secrets: Informer<KubeSecretMetadata>;
  devices: Informer<SpecObject<DeviceSpec>>;
  dataflowEndpoints: Informer<SpecObject<DataflowEndpointSpec>>;
  secretProviderClasses: Informer<SecretProviderClass>;
  /** Sum of the kinds' versions: changes whenever any of them changes. */
  version(): number;
  /** Called after any change of any kind; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Kubernetes calls the cache made (lists, watches). */
  calls(): number;
  stop(): void;
}

export interface KubeWatchCacheOptions {
  /** Tests pass a connection; default: one of its own from config.kube, made at first use. */
  connection?: KubeConnection & KubeWatcher;
  pageSize?: number;
  onError?: (err: unknown, what: string) => void;
}

export function createKubeWatchCache(config: Pick<PortalConfig, "kube" | "instance">,
  o: KubeWatchCacheOptions = {}): KubeWatchCache {
  const { namespace } = config.instance;
  const pageSize = o.pageSize ?? LIST_PAGE_SIZE;
  let made: (KubeConnection & KubeWatcher) | undefined = o.connection;
  const conn = (): KubeConnection & KubeWatcher => {
    if (made) return made;
    if (!config.kube) {
      throw new AppError("upstream", "The portal has no Kubernetes cluster configured: set KUBECONFIG to a kubeconfig " +
        "file, or run the portal in the cluster with a service account.", { upstream: { service: "kubernetes", code: "NotConfigured", status: 503 } });
    }
    made = connectToCluster(config.kube);
    return made;
  };
  const watcher: KubeWatcher = { watch: (...args) => conn().watch(...args) };

  function custom<T extends { name: string }>(kind: CustomKind, view: (o: WireObject) => T): InformerSource<T> {
    return {
      kind: kind.kind,
      path: `/apis/${kind.group}/${kind.version}/namespaces/${namespace}/${kind.plural}`,
      async listPage(token): Promise<InformerPage> {
        const c = conn();
        try {
          const page = (await c.custom.listNamespacedCustomObject({ group: kind.group, version: kind.version, namespace,
            plural: kind.plural, limit: pageSize, _continue: token }, c.callOptions())) as
            { items?: WireObject[]; metadata?: { continue?: string; resourceVersion?: string } };
          return { items: page.items ?? [], resourceVersion: page.metadata?.resourceVersion ?? "", next: page.metadata?.continue };
        } catch (err) {
          throw mapKubeError(err, { operation: "list", kind: kind.kind, resource: `${kind.plural}.${kind.group}`, namespace,
            cluster: c.cluster });
        }
      },
      view: (raw) => {
        try {
          return view(raw as WireObject);
        } catch (err) {
          o.onError?.(err, `${kind.kind} '${(raw as WireObject).metadata?.name}'`);
          return null;
        }
      },
    };
  }

  const secretSource: InformerSource<KubeSecretMetadata> = {
    kind: "Secret",
    path: `/api/v1/namespaces/${namespace}/secrets`,
    labelSelector: managedSelector(),
    async listPage(token) {
      const c = conn();
      try {
        const page = await c.core.listNamespacedSecret({ namespace, labelSelector: managedSelector(), limit: pageSize,
          _continue: token }, c.callOptions());
        return { items: page.items, resourceVersion: page.metadata?.resourceVersion ?? "", next: page.metadata?._continue };
      } catch (err) {
        throw mapKubeError(err, { operation: "list", kind: "Secret", resource: "secrets", namespace, cluster: c.cluster });
      }
    },
    view: (raw) => toSecretMetadata(raw as V1Secret, namespace),
  };

  const options = { watcher, onError: (err: unknown, what: "list" | "watch") => o.onError?.(err, what) };
  const kinds = {
    secretSyncs: createInformer(custom(SECRET_SYNC, (w) => remember(toSecretSync(w, namespace), w)), options),
    secrets: createInformer(secretSource, options),
    devices: createInformer(custom(DEVICE, (w) => toSpecObject(w, DEVICE, namespace, deviceSpec)), options),
    dataflowEndpoints: createInformer(custom(DATAFLOW_ENDPOINT,
      (w) => toSpecObject(w, DATAFLOW_ENDPOINT, namespace, dataflowEndpointSpec)), options),
    secretProviderClasses: createInformer(custom(SECRET_PROVIDER_CLASS, (w) => toSecretProviderClass(w, namespace)), options),
  };
  const all = Object.values(kinds);
  return {
    ...kinds,
    version: () => all.reduce((n, k) => n + k.version, 0),
    onChange(listener) {
      const offs = all.map((k) => k.onChange(listener));
      return () => offs.forEach((off) => off());
    },
    calls: () => all.reduce((n, k) => n + k.calls, 0),
    stop: () => all.forEach((k) => k.stop()),
  };
}
