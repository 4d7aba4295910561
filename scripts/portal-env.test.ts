import { describe, expect, it } from "vitest";
import { portalEnv } from "./portal-env";

const endpoints = {
  portalUrl: "http://127.0.0.1:3000",
  keyVaultUrl: "https://127.0.0.1:8443/",
  keyVaultName: "opsportal-demo-kv",
  caFile: "/repo/.data/local-stack/ca.pem",
  kubeconfig: "/repo/.data/local-stack/kubeconfig",
  tenantId: "7d0f1c4e-3f7a-4c55-9d56-0b7c2d1f7e11",
  authorityHost: "https://127.0.0.1:8444/",
  tokenEndpoint: "https://127.0.0.1:8444/7d0f1c4e-3f7a-4c55-9d56-0b7c2d1f7e11/oauth2/v2.0/token",
  automationClient: { clientId: "a-client", clientSecret: "a-secret" },
  portalApiScope: "api://0b1c-portal/.default",
  portalSpaClientId: "spa-client",
  portalApiUserScope: "api://0b1c-portal/access_as_user",
};
const portal = { clientId: "portal-client", clientSecret: "portal-secret" };

describe("portalEnv", () => {
  it("gives the portal every variable it needs to reach the local stack, from endpoints.json alone", () => {
    expect(portalEnv(endpoints, portal)).toEqual({
      KEY_VAULT_URL: "https://127.0.0.1:8443/",
      KEY_VAULT_NAME: "opsportal-demo-kv",
      AZURE_TENANT_ID: endpoints.tenantId,
      AZURE_CLIENT_ID: "portal-client",
      AZURE_CLIENT_SECRET: "portal-secret",
      AZURE_AUTHORITY_HOST: "https://127.0.0.1:8444/",
      AZURE_DISABLE_INSTANCE_DISCOVERY: "true",
      KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: "true",
      NODE_EXTRA_CA_CERTS: "/repo/.data/local-stack/ca.pem",
      KUBECONFIG: "/repo/.data/local-stack/kubeconfig",
      AIO_INSTANCE_NAME: "aio-demo",
      AIO_NAMESPACE: "azure-iot-operations",
      AUTH_AUTHORITY: `https://127.0.0.1:8444/${endpoints.tenantId}/v2.0`,
      AUTH_API_AUDIENCE: "api://0b1c-portal",
      AUTH_SPA_CLIENT_ID: "spa-client",
      AUTH_API_SCOPE: "api://0b1c-portal/access_as_user",
      AUDIT_LOG_FILE: "/repo/.data/portal/audit.log",
      NEXT_TELEMETRY_DISABLED: "1",
    });
  });

  it("uses the portal's own identity, never the automation client", () => {
    const env = portalEnv(endpoints, portal, { instanceName: "line-7" });
    expect(Object.values(env)).not.toContain("a-secret");
    expect(env.AIO_INSTANCE_NAME).toBe("line-7");
  });
});
