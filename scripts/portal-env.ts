/**
 * The portal's environment for the local stack, derived from `.data/local-stack/endpoints.json` (its published
 * contract: scripts never import emulators/) and the portal's own server identity. Pure, so `npm start` and the
 * e2e setup build the same env. Variable meanings: docs/architecture.md, "Portal configuration".
 */

import { dirname, join } from "node:path";

/** `.data/local-stack/endpoints.json` as the local stack writes it (see shared/reference/local-stack.md). */
export interface LocalStackEndpoints {
  portalUrl: string;
  keyVaultUrl: string;
  keyVaultName: string;
  caFile: string;
  /** The Kubernetes stand-in's kubeconfig (bearer token, local CA, context namespace = the instance's). */
  kubeconfig: string;
  tenantId: string;
  authorityHost: string;
  tokenEndpoint: string;
  automationClient: { clientId: string; clientSecret: string };
  /** `api://<portal app id>/.default`: scripts (the automation client) call the portal API with it. */
  portalApiScope: string;
  /** Browser sign-in: the single-page app's client id and the delegated scope it asks for. */
  portalSpaClientId: string;
  portalApiUserScope: string;
  /** The AIO instance the local cluster holds (its `Instance` object). */
  instance: { name: string; namespace: string; cluster: string; resourceGroup: string };
}

type EndpointsUsed = Pick<LocalStackEndpoints,
  "keyVaultUrl" | "keyVaultName" | "caFile" | "kubeconfig" | "tenantId" | "authorityHost" | "portalApiScope"
  | "portalSpaClientId" | "portalApiUserScope">
  & Partial<Pick<LocalStackEndpoints, "instance">>;

/** The portal's server identity in the local tenant (a service principal with a client secret). */
export interface PortalIdentity {
  clientId: string;
  clientSecret: string;
}

export interface PortalEnvOptions {
  instanceName?: string;                 // the AIO instance shown in the header; default: endpoints.json's instance
  namespace?: string;
}

export const DEMO_INSTANCE_NAME = "aio-demo";

export function portalEnv(endpoints: EndpointsUsed, identity: PortalIdentity, options: PortalEnvOptions = {}): Record<string, string> {
  return {
    KEY_VAULT_URL: endpoints.keyVaultUrl,
    KEY_VAULT_NAME: endpoints.keyVaultName,
    AZURE_TENANT_ID: endpoints.tenantId,
    AZURE_CLIENT_ID: identity.clientId,
    AZURE_CLIENT_SECRET: identity.clientSecret,
    AZURE_AUTHORITY_HOST: endpoints.authorityHost,
    // The stand-in is not login.microsoftonline.com: MSAL must not ask Microsoft where the authority lives.
    AZURE_DISABLE_INSTANCE_DISCOVERY: "true",
    // The vault answers on 127.0.0.1, not *.vault.azure.net, so the SDK's challenge-resource check must be off.
    KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: "true",
    NODE_EXTRA_CA_CERTS: endpoints.caFile,
    KUBECONFIG: endpoints.kubeconfig,
    AIO_INSTANCE_NAME: options.instanceName ?? endpoints.instance?.name ?? DEMO_INSTANCE_NAME,
    AIO_NAMESPACE: options.namespace ?? endpoints.instance?.namespace ?? "azure-iot-operations",
    // Sign-in: the stand-in is the authority; the API's audience is its App ID URI (the scope without /.default).
    AUTH_AUTHORITY: `${endpoints.authorityHost.replace(/\/+$/, "")}/${endpoints.tenantId}/v2.0`,
    AUTH_API_AUDIENCE: endpoints.portalApiScope.replace(/\/\.default$/, ""),
    AUTH_SPA_CLIENT_ID: endpoints.portalSpaClientId,
    AUTH_API_SCOPE: endpoints.portalApiUserScope,
    // The audit log lives with the rest of this stack's state: <data>/portal/audit.log (caFile is <data>/local-stack/ca.pem).
    AUDIT_LOG_FILE: join(dirname(dirname(endpoints.caFile)), "portal", "audit.log"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
