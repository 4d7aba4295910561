import { rm } from "node:fs/promises";
import { writeJsonAtomic } from "./shared/atomic-file";
import { stackLayout, VAULT_NAME } from "./shared/layout";
import { acquirePidLock } from "./shared/lock";
import { tightenTree } from "./shared/owner-only";
import { waitUntilAnswering } from "./shared/probe";
import { ensureTlsMaterial } from "./shared/tls";
import { startIdentityServer } from "./identity/server";
import { PORTAL_API_SCOPE, PORTAL_SPA_APP, portalApiAppIdUri, portalSpa, spaRedirectUris } from "./identity/portal-api";
import type { ServicePrincipal } from "./identity/state";
import type { IdentityStore } from "./identity/store";
import { startKeyVaultServer } from "./key-vault/server";
import { startCluster, type RunningCluster } from "./kube/start-cluster";
import { refreshSecretSyncIdentity, seedDemoCluster } from "./seed-demo";
import { startSyncController, type RunningSyncController } from "./sync-controller/controller";

/** `<data>/local-stack/endpoints.json`: what scripts, tests and people may rely on (shared/reference/local-stack.md). */
export interface Endpoints {
  portalUrl: string;
  keyVaultUrl: string;
  keyVaultName: string;
  caFile: string;
  tenantId: string;
  authorityHost: string;
  tokenEndpoint: string;
  automationClient: { clientId: string; clientSecret: string };
  /** `api://<portal app id>/.default`: what scripts (the automation client) ask for to call the portal API. */
  portalApiScope: string;
  /** Browser sign-in (docs/architecture.md, "Identity stand-in"): the SPA's client id and the delegated scope. */
  portalSpaClientId: string;
  portalApiUserScope: string;
  /** kubeconfig of the Kubernetes stand-in (bearer token, local CA, context namespace = the instance's). */
  kubeconfig: string;
  instance: { name: string; namespace: string; cluster: string; resourceGroup: string };
}

/** The portal's own server identity: handed to the portal through env (scripts/portal-env.ts), not endpoints.json. */
export interface PortalIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface StackOptions {
  dataDir: string;
  host?: string;                                      // default 127.0.0.1
  ports?: { identity?: number; keyVault?: number; kube?: number };   // default 0 (a free port)
  /**
   * Take a free port when a requested one is in use (npm start's fixed defaults); tests use 0 and never need it.
   * Per service when an object (the CLI: a port given explicitly never falls back, a defaulted one does).
   */
  fallbackToFreePorts?: boolean | { identity?: boolean; keyVault?: boolean; kube?: boolean };
  portalUrl?: string;                                 // default http://127.0.0.1:3000
  seed?: boolean;                                     // seed the demo on empty state; default true
  syncIntervalMs?: number;                            // the sync controller's poll interval (SYNC_INTERVAL); 120 s
  log?(line: string): void;                           // the sync controller's lines (the CLI prints them)
}

export interface RunningStack {
  endpoints: Endpoints;
  portalIdentity: PortalIdentity;
  /** The Kubernetes stand-in, for in-process users (its store, the service-account issuer). */
  cluster: RunningCluster;
  /** The sync controller stand-in (tests stop and restart it; stop() is idempotent). */
  syncController: RunningSyncController;
  stop(): Promise<void>;
}

/**
 * Starts every stand-in of the local stack on one data folder and writes endpoints.json once each answers.
 * stop() closes the servers, removes endpoints.json (it would point at dead ports) and releases the folder.
 */
export async function startStack(o: StackOptions): Promise<RunningStack> {
  const layout = stackLayout(o.dataDir);
  const host = o.host ?? "127.0.0.1";
  const lock = await acquirePidLock(layout.lockFile);
  const stops: (() => Promise<void>)[] = [lock.release];
  const stopAll = async () => {
    await rm(layout.endpointsFile, { force: true });
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    // State written by an older stack may be world-readable (0644 files, 0755 folders) and holds secret values:
    // bring the whole folder to owner-only before serving any of it. New files are created owner-only.
    await tightenTree(layout.root);
    const tls = await ensureTlsMaterial(layout.localStack);
    const fallback = (service: "identity" | "keyVault" | "kube") =>
      typeof o.fallbackToFreePorts === "object" ? o.fallbackToFreePorts[service] : o.fallbackToFreePorts;
    const identity = await withPortFallback(o.ports?.identity ?? 0, fallback("identity"),
      (port) => startIdentityServer({ dataDir: layout.identityDir, tls, host, port, trustedCa: tls.ca }));
    stops.push(identity.stop);
    const portalUrl = o.portalUrl ?? "http://127.0.0.1:3000";
    await identity.store.setSpaRedirectUris(PORTAL_SPA_APP, spaRedirectUris(portalUrl));
    const keyVault = await withPortFallback(o.ports?.keyVault ?? 0, fallback("keyVault"),
      (port) => startKeyVaultServer({
        dataDir: layout.keyVaultDir, tls, host, port, vaultName: VAULT_NAME,
        tenantId: identity.tenantId, authorityHost: identity.authorityHost,
        verifyToken: (token) => identity.verifier.verify(token, { audience: "https://vault.azure.net" }),
        hasRole: (oid, roles) => identity.store.hasRole(oid, roles),
        seed: o.seed ?? true,
      }));
    stops.push(keyVault.stop);
    const cluster = await withPortFallback(o.ports?.kube ?? 0, fallback("kube"),
      (port) => startCluster({
        dataDir: layout.kubeDir, tls, caFile: tls.caFile, host, port, kubeconfigFile: layout.kubeconfigFile,
        seed: o.seed ?? true,
      }));
    stops.push(cluster.stop);
    // The cluster's issuer follows its port: keep the secret-sync identity's federated credential pointing at it.
    const secretSync = await refreshSecretSyncIdentity(identity.store, { issuer: cluster.url, seeding: cluster.seeded });
    if (cluster.seeded && secretSync) {
      await seedDemoCluster(cluster.kube.store, { clientId: secretSync.clientId, tenantId: identity.tenantId, vaultName: VAULT_NAME });
    }

    await Promise.all([
      waitUntilAnswering(`${identity.authorityHost}${identity.tenantId}/v2.0/.well-known/openid-configuration`, tls.ca),
      waitUntilAnswering(`${keyVault.url}secrets?api-version=7.6`, tls.ca),
      waitUntilAnswering(`${cluster.url}/version`, tls.ca),
    ]);
    const syncController = await startSyncController({
      kubeconfigFile: cluster.kubeconfig, ca: tls.ca, authorityHost: identity.authorityHost,
      vaults: { [VAULT_NAME]: keyVault.url }, syncIntervalMs: o.syncIntervalMs, log: o.log,
    });
    stops.push(syncController.stop);
    // The first pass (the seeded SecretSyncs) is done before the stack says it is ready; bounded.
    await Promise.race([syncController.idle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    const automation = servicePrincipal(identity.store, "automation");
    const portal = servicePrincipal(identity.store, "portal");
    const portalApi = portalApiAppIdUri(identity.store.current());
    const endpoints: Endpoints = {
      portalUrl,
      keyVaultUrl: keyVault.url,
      keyVaultName: VAULT_NAME,
      caFile: tls.caFile,
      tenantId: identity.tenantId,
      authorityHost: identity.authorityHost,
      tokenEndpoint: `${identity.authorityHost}${identity.tenantId}/oauth2/v2.0/token`,
      automationClient: { clientId: automation.clientId, clientSecret: automation.secrets[0]! },
      portalApiScope: `${portalApi}/.default`,
      portalSpaClientId: portalSpa(identity.store.current()).clientId,
      portalApiUserScope: `${portalApi}/${PORTAL_API_SCOPE}`,
      kubeconfig: cluster.kubeconfig,
      instance: cluster.instance,
    };
    await writeJsonAtomic(layout.endpointsFile, endpoints, 0o600);
    return {
      endpoints,
      portalIdentity: { tenantId: identity.tenantId, clientId: portal.clientId, clientSecret: portal.secrets[0]! },
      cluster,
      syncController,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function servicePrincipal(store: IdentityStore, name: string): ServicePrincipal {
  const p = store.findPrincipal(name);
  if (p?.kind !== "servicePrincipal" || !p.secrets[0]) throw new Error(`identity state has no service principal "${name}"`);
  return p;
}

async function withPortFallback<T>(port: number, fallback: boolean | undefined, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (err) {
    if (!fallback || port === 0 || (err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    return start(0);
  }
}
