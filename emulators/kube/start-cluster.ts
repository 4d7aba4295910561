import { join } from "node:path";
import { discoveryRoute } from "./discovery-routes";
import { KINDS } from "./kinds";
import { ensureKubeToken, writeKubeconfig } from "./kubeconfig";
import { openApiRoute } from "./openapi-routes";
import { DEMO_INSTANCE, seedCluster, type InstanceInfo } from "./seed";
import { startKubeServer, type KubeRoute, type RunningKube } from "./server";
import { issuerDiscoveryRoute, tokenRequestRoute } from "./service-account-routes";
import { ServiceAccountIssuer } from "./service-account-tokens";
import { table } from "./table";

export interface ClusterOptions {
  dataDir: string;                       // <data>/kube
  tls: { key: string; cert: string };
  caFile: string;
  host: string;
  port: number;
  kubeconfigFile: string;                // <data>/local-stack/kubeconfig
  seed: boolean;
}

export interface RunningCluster {
  url: string;
  kubeconfig: string;
  instance: InstanceInfo;
  /** True when this start seeded an empty store (the demo around it is seeded then too: emulators/seed-demo.ts). */
  seeded: boolean;
  kube: RunningKube;
  serviceAccounts: ServiceAccountIssuer;
  stop(): Promise<void>;
}

/**
 * The Kubernetes stand-in as the local stack runs it: the core server with our kinds, discovery, OpenAPI, Table,
 * the service-account issuer (its issuer URL is the server's own), the kubeconfig (written once the server
 * listens) and, on empty state, the seed.
 */
export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const serviceAccounts = await ServiceAccountIssuer.open(join(o.dataDir, "service-account-key.json"));
  const token = await ensureKubeToken(join(o.dataDir, "auth.json"));
  const kube = await startKubeServer({
    dataDir: o.dataDir, tls: o.tls, host: o.host, port: o.port, token, kinds: KINDS, table,
    // The API server also accepts its own service-account tokens (audience = the issuer), as kube-apiserver does.
    verifyToken: (t) => serviceAccounts.verify(t).then(() => true, () => false),
    publicRoutes: [issuerDiscoveryRoute(serviceAccounts) as KubeRoute],
    extraRoutes: [discoveryRoute(KINDS), openApiRoute(KINDS), tokenRequestRoute(serviceAccounts)],
  });
  let seeded = false;
  try {
    serviceAccounts.setIssuer(kube.url);
    if (o.seed) seeded = await seedCluster(kube.store);
    await writeKubeconfig(o.kubeconfigFile, {
      server: kube.url, caFile: o.caFile, token, namespace: DEMO_INSTANCE.namespace, clusterName: DEMO_INSTANCE.cluster,
    });
  } catch (err) {
    await kube.stop();
    throw err;
  }
  const { name, namespace, cluster, resourceGroup } = DEMO_INSTANCE;
  return {
    url: kube.url, kubeconfig: o.kubeconfigFile, instance: { name, namespace, cluster, resourceGroup }, seeded, kube,
    serviceAccounts, stop: kube.stop,
  };
}
