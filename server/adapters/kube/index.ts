import "server-only";
import type { PortalConfig } from "@/server/config/env";
import { AppError } from "@/server/errors";
import { connectToCluster, type KubeConnection } from "@/server/adapters/kube/connection";
import type { ConflictRetryOptions } from "@/server/adapters/kube/conflict-retry";
import { customResources } from "@/server/adapters/kube/custom-resources";
import { dataflowEndpointsAdapter, DATAFLOW_ENDPOINT, type DataflowEndpointsAdapter } from "@/server/adapters/kube/kinds/dataflow-endpoint";
import { DEVICE, devicesAdapter, type DevicesAdapter } from "@/server/adapters/kube/kinds/device";
import { clusterInstanceSource, INSTANCE, type InstanceSource } from "@/server/adapters/kube/kinds/instance";
import { SECRET_PROVIDER_CLASS, secretProviderClassesAdapter, type SecretProviderClassesAdapter } from "@/server/adapters/kube/kinds/secret-provider-class";
import { SECRET_SYNC, secretSyncsAdapter, type SecretSyncsAdapter } from "@/server/adapters/kube/kinds/secret-sync";
import { secretsAdapter, type SecretsAdapter } from "@/server/adapters/kube/kinds/secret";
import { eventsAdapter, type EventsAdapter } from "@/server/adapters/kube/kinds/event";

/**
 * The portal's only cluster code (`@kubernetes/client-node` stops in this folder). Everything is scoped to the
 * instance's namespace; functions return our types (lib/schemas) and throw AppErrors. Real and local clusters
 * differ only in the connection: a kubeconfig path or the pod's service account.
 */
export interface KubeAdapter {
  /** For messages and logs: which cluster (name and server URL). */
  readonly cluster: string;
  readonly namespace: string;
  instance: InstanceSource;
  secretProviderClasses: SecretProviderClassesAdapter;
  secretSyncs: SecretSyncsAdapter;
  /** Metadata only: no `data` value ever leaves the adapter. */
  secrets: SecretsAdapter;
  devices: DevicesAdapter;
  dataflowEndpoints: DataflowEndpointsAdapter;
  /** Events (read only), e.g. what the sync controller recorded about a SecretSync. */
  events: EventsAdapter;
}

export interface KubeAdapterOptions {
  /** Tests and tools pass a connection; default: from config.kube, made at first use. */
  connection?: KubeConnection;
  conflictRetry?: ConflictRetryOptions;
  /** Objects per list request (default 500). */
  listPageSize?: number;
  /** Replaces the cluster `Instance` read (e.g. with an ARM read in Azure). */
  instanceSource?: InstanceSource;
}

export function createKubeAdapter(config: Pick<PortalConfig, "kube" | "instance">, o: KubeAdapterOptions = {}): KubeAdapter {
  const { namespace, name: instanceName } = config.instance;
  const conn = o.connection ?? lazyConnection(config.kube);
  const resources = (kind: Parameters<typeof customResources>[1], write: { fieldValidation?: "Strict" } = {}) =>
    customResources(conn, kind, namespace, { retry: o.conflictRetry, pageSize: o.listPageSize, ...write });
  return {
    get cluster() {
      return conn.cluster;
    },
    namespace,
    instance: o.instanceSource ?? clusterInstanceSource(resources(INSTANCE), namespace, instanceName),
    secretProviderClasses: secretProviderClassesAdapter(resources(SECRET_PROVIDER_CLASS), namespace),
    secretSyncs: secretSyncsAdapter(resources(SECRET_SYNC), namespace, o.conflictRetry),
    secrets: secretsAdapter(conn, namespace, o.listPageSize),
    devices: devicesAdapter(resources(DEVICE), namespace),
    // The portal writes DataflowEndpoints whole, keeping fields it does not edit: a field the API server does not
    // know (misspelled, or of a newer API version) must be refused, not dropped.
    dataflowEndpoints: dataflowEndpointsAdapter(resources(DATAFLOW_ENDPOINT, { fieldValidation: "Strict" }), namespace),
    events: eventsAdapter(conn, namespace),
  };
}

/**
 * Connects at first use, so a portal without a cluster still serves its Key Vault pages, and a missing or broken
 * kubeconfig is an error on the cluster pages that says what to fix (never the file's content: it holds a token).
 */
function lazyConnection(config: PortalConfig["kube"]): KubeConnection {
  let connection: KubeConnection | undefined;
  const connect = (): KubeConnection => {
    if (connection) return connection;
    if (!config) {
      throw new AppError("upstream", "The portal has no Kubernetes cluster configured: set KUBECONFIG to a kubeconfig " +
        "file, or run the portal in the cluster with a service account.", { upstream: { service: "kubernetes", code: "NotConfigured", status: 503 } });
    }
    try {
      connection = connectToCluster(config);
      return connection;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const where = config.source === "kubeconfig" ? `the kubeconfig '${config.path}'` : "the pod's service account";
      throw new AppError("upstream", `The portal could not load ${where}${typeof code === "string" ? ` (${code})` : ""}.`,
        { upstream: { service: "kubernetes", code: typeof code === "string" ? code : "BadKubeconfig", status: 503 } });
    }
  };
  return {
    get custom() {
      return connect().custom;
    },
    get core() {
      return connect().core;
    },
    get cluster() {
      return connection?.cluster ?? "the cluster";
    },
    callOptions: () => connect().callOptions(),
  };
}
