import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

const GOOD = {
  KEY_VAULT_URL: "https://127.0.0.1:8443/",
  KEY_VAULT_NAME: "opsportal-demo-kv",
  AZURE_TENANT_ID: "8c1c6a4e-7f36-4f0c-9e5e-0c3e4d4f2a11",
  AZURE_CLIENT_ID: "2f1b0a8e-2b7a-4d3e-8d1e-6f3c2a9b7e10",
  AZURE_CLIENT_SECRET: "portal-client-secret-value",
  AZURE_AUTHORITY_HOST: "https://127.0.0.1:8444/",
  AZURE_DISABLE_INSTANCE_DISCOVERY: "true",
  KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: "true",
  AIO_INSTANCE_NAME: "aio-demo",
  AUTH_AUTHORITY: "https://127.0.0.1:8444/8c1c6a4e-7f36-4f0c-9e5e-0c3e4d4f2a11/v2.0",
  AUTH_API_AUDIENCE: "api://ops-portal-api",
  AUTH_SPA_CLIENT_ID: "5d2e7b1c-9a44-4c1e-8f0e-3b6a1c2d4e55",
};

/** What Azure needs beyond the vault: the sign-in variables (the local ones work for the parser). */
const AUTH = { AUTH_AUTHORITY: GOOD.AUTH_AUTHORITY, AUTH_API_AUDIENCE: GOOD.AUTH_API_AUDIENCE, AUTH_SPA_CLIENT_ID: GOOD.AUTH_SPA_CLIENT_ID };

function errorOf(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("parseConfig", () => {
  it("reads the local-stack environment", () => {
    const c = parseConfig(GOOD);
    expect(c.keyVault).toEqual({ url: "https://127.0.0.1:8443/", name: "opsportal-demo-kv",
      disableChallengeResourceVerification: true, indexRefreshSeconds: 60 });
    expect(c.azure.disableInstanceDiscovery).toBe(true);
    expect(c.instance).toEqual({ name: "aio-demo", namespace: "azure-iot-operations" });
    expect(c.secretSync).toEqual({ spcObjectGraceSeconds: 600 });
    expect(c.logLevel).toBe("info");
  });

  it("takes the default SecretProviderClass's name from AIO_DEFAULT_SPC (unset: none)", () => {
    expect(parseConfig({ ...GOOD, AIO_DEFAULT_SPC: " spc-ops-aio.default " }).instance).toEqual({ name: "aio-demo",
      namespace: "azure-iot-operations", defaultSecretProviderClass: "spc-ops-aio.default" });
    expect(parseConfig({ ...GOOD, AIO_DEFAULT_SPC: "" }).instance).not.toHaveProperty("defaultSecretProviderClass");
  });

  it("uses Azure defaults and derives the vault name from a vault.azure.net URL", () => {
    const c = parseConfig({ KEY_VAULT_URL: "https://contoso-aio-kv.vault.azure.net", AZURE_TENANT_ID: "contoso.onmicrosoft.com",
      AIO_INSTANCE_NAME: "aio-1", ...AUTH });
    expect(c.keyVault.url).toBe("https://contoso-aio-kv.vault.azure.net/");
    expect(c.keyVault.name).toBe("contoso-aio-kv");
    expect(c.keyVault.disableChallengeResourceVerification).toBe(false);
    expect(c.azure).toEqual({ tenantId: "contoso.onmicrosoft.com", clientId: undefined, clientSecret: undefined,
      authorityHost: "https://login.microsoftonline.com", disableInstanceDiscovery: false });
  });

  it.each(["KEY_VAULT_URL", "AZURE_TENANT_ID", "AIO_INSTANCE_NAME"])("names a missing %s", (name) => {
    expect(errorOf({ ...GOOD, [name]: undefined })).toBe(`Configuration error: ${name}: is required`);
  });

  it("treats a blank variable as missing", () => {
    expect(errorOf({ ...GOOD, AZURE_TENANT_ID: "   " })).toBe("Configuration error: AZURE_TENANT_ID: is required");
  });

  it.each([
    ["KEY_VAULT_URL", "http://127.0.0.1:8443/", "must be an https URL"],
    ["KEY_VAULT_URL", "not a url", "must be an https URL"],
    ["AZURE_AUTHORITY_HOST", "ftp://x", "must be an https URL"],
    ["KEY_VAULT_NAME", "a_b", "must be a Key Vault name"],
    ["AZURE_TENANT_ID", "bad tenant!", "must be a tenant id"],
    ["AZURE_CLIENT_ID", "has space", "must be a client id"],
    ["AZURE_DISABLE_INSTANCE_DISCOVERY", "yes", "must be true or false"],
    ["KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION", "maybe", "must be true or false"],
    ["AIO_INSTANCE_NAME", "Upper_Case", "must be a Kubernetes name"],
    ["AIO_NAMESPACE", "-bad", "must be a Kubernetes namespace name"],
    ["AIO_DEFAULT_SPC", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.SecretSyncController/azureKeyVaultSecretProviderClasses/spc",
      "must be a SecretProviderClass name"],
    ["KEY_VAULT_INDEX_REFRESH_SECONDS", "soon", "must be a whole number of seconds"],
    ["KEY_VAULT_INDEX_REFRESH_SECONDS", "1", "must be a whole number of seconds"],
    ["LOG_LEVEL", "loud", "must be one of"],
    ["SPC_OBJECT_GRACE_SECONDS", "ten minutes", "must be a whole number of seconds from 1"],
    ["SPC_OBJECT_GRACE_SECONDS", "0", "must be a whole number of seconds from 1"],
    ["SPC_OBJECT_GRACE_SECONDS", "2592001", "must be a whole number of seconds from 1"],
  ])("names a malformed %s (%s)", (name, value, message) => {
    const line = errorOf({ ...GOOD, [name]: value });
    expect(line).toMatch(new RegExp(`^Configuration error: ${name}: ${message}`));
    expect(line).not.toContain("\n");
  });

  it("needs a vault name when the URL is not a vault.azure.net one", () => {
    expect(errorOf({ ...GOOD, KEY_VAULT_NAME: "" })).toBe(
      "Configuration error: KEY_VAULT_NAME: is required when KEY_VAULT_URL is not a *.vault.azure.net URL");
  });

  it("needs a client id with a client secret, and never prints the secret", () => {
    const line = errorOf({ ...GOOD, AZURE_CLIENT_ID: undefined });
    expect(line).toBe("Configuration error: AZURE_CLIENT_ID: is required when AZURE_CLIENT_SECRET is set");
    expect(line).not.toContain(GOOD.AZURE_CLIENT_SECRET);
  });

  it("names every bad variable on one line", () => {
    const line = errorOf({ ...GOOD, KEY_VAULT_URL: undefined, LOG_LEVEL: "loud" });
    expect(line).toMatch(/^Configuration error: KEY_VAULT_URL: is required; LOG_LEVEL: must be one of/);
    expect(line).not.toContain("\n");
  });

  it("reads the refresh period, the SPC object grace period and log level", () => {
    const c = parseConfig({ ...GOOD, KEY_VAULT_INDEX_REFRESH_SECONDS: "300", LOG_LEVEL: "debug", AIO_NAMESPACE: "aio",
      SPC_OBJECT_GRACE_SECONDS: "3600" });
    expect(c.keyVault.indexRefreshSeconds).toBe(300);
    expect(c.secretSync.spcObjectGraceSeconds).toBe(3600);
    expect(c.logLevel).toBe("debug");
    expect(c.instance.namespace).toBe("aio");
  });

  it("reaches the cluster through an explicit kubeconfig first, else the pod's service account, else not at all", () => {
    expect(parseConfig(GOOD).kube).toBeNull();
    expect(parseConfig({ ...GOOD, KUBERNETES_SERVICE_HOST: "10.0.0.1" }).kube).toEqual({ source: "in-cluster" });
    expect(parseConfig({ ...GOOD, KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBECONFIG: "/data/kubeconfig" }).kube)
      .toEqual({ source: "kubeconfig", path: "/data/kubeconfig" });
  });

  it("refuses a kubeconfig list, naming KUBECONFIG", () => {
    expect(errorOf({ ...GOOD, KUBECONFIG: "/a/config:/b/config" }))
      .toMatch(/^Configuration error: KUBECONFIG: must be the path of one kubeconfig file/);
  });

  it.each(["AUTH_AUTHORITY", "AUTH_API_AUDIENCE", "AUTH_SPA_CLIENT_ID"])("needs the sign-in variable %s", (name) => {
    expect(errorOf({ ...GOOD, [name]: undefined })).toBe(`Configuration error: ${name}: is required`);
  });

  it("reads the sign-in settings, deriving the API scope and the audit log's place", () => {
    const c = parseConfig({ ...GOOD, AUTH_AUTHORITY: `${GOOD.AUTH_AUTHORITY}/`, AUTH_API_AUDIENCE: "api://ops-portal-api, 1b2c" });
    expect(c.auth).toEqual({ authority: GOOD.AUTH_AUTHORITY, audiences: ["api://ops-portal-api", "1b2c"],
      spaClientId: GOOD.AUTH_SPA_CLIENT_ID, apiScope: "api://ops-portal-api/.default" });
    expect(c.audit.file).toBe(".data/portal/audit.log");
    const explicit = parseConfig({ ...GOOD, AUTH_API_SCOPE: "api://ops-portal-api/access_as_user", AUDIT_LOG_FILE: "/var/audit.log" });
    expect(explicit.auth.apiScope).toBe("api://ops-portal-api/access_as_user");
    expect(explicit.audit.file).toBe("/var/audit.log");
  });

  it.each([
    ["AUTH_AUTHORITY", "http://login.example/t/v2.0", "must be an https URL"],
    ["AUTH_AUTHORITY", "https://login.microsoftonline.com/common/v2.0", "must name one tenant"],
    ["AUTH_SPA_CLIENT_ID", "has space", "must be a client id"],
    ["AUTH_API_SCOPE", "a b", "must be one scope"],
  ])("names a malformed %s (%s)", (name, value, message) => {
    expect(errorOf({ ...GOOD, [name]: value })).toMatch(new RegExp(`^Configuration error: ${name}: ${message}`));
  });
});
