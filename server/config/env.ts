import "server-only";
import { z } from "zod";
import { authConfigFrom, authConfigProblems, authEnvShape, type AuditConfig, type AuthConfig } from "./auth-env";
import { flag, httpsUrl, required, text } from "./env-values";

/**
 * The portal's configuration: the only reader of `process.env` (see docs/architecture.md, "Portal configuration").
 * Parsed once, lazily; `instrumentation.ts` calls {@link getConfig} at server start so a bad variable stops the
 * server before it serves anything, with one line naming the variable.
 */

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Kubernetes object names (DNS-1123 label): what an AIO instance and a namespace are called. */
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Most Kubernetes objects' names (DNS-1123 subdomain), e.g. a SecretProviderClass's. */
const dnsSubdomain = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const schema = z.object({
  KEY_VAULT_URL: required(httpsUrl),
  KEY_VAULT_NAME: text.refine((v) => v === undefined || /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(v),
    "must be a Key Vault name (3–24 letters, digits or dashes)"),
  AZURE_TENANT_ID: required(text.refine((v) => v === undefined || /^[0-9A-Za-z][0-9A-Za-z.-]{0,253}$/.test(v),
    "must be a tenant id (GUID) or domain")),
  AZURE_CLIENT_ID: text.refine((v) => v === undefined || /^[0-9A-Za-z._-]{1,128}$/.test(v), "must be a client id (GUID)"),
  AZURE_CLIENT_SECRET: text,
  AZURE_AUTHORITY_HOST: httpsUrl,
  AZURE_DISABLE_INSTANCE_DISCOVERY: flag,
  KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: flag,
  AIO_INSTANCE_NAME: required(text.refine((v) => v === undefined || dnsLabel.test(v),
    "must be a Kubernetes name (lowercase letters, digits, dashes; at most 63)")),
  AIO_NAMESPACE: text.refine((v) => v === undefined || dnsLabel.test(v),
    "must be a Kubernetes namespace name (lowercase letters, digits, dashes; at most 63)"),
  /**
   * The instance's default SecretProviderClass, by name (as `az iot ops secretsync list` shows it). Set, the portal
   * reads the instance's settings from nothing else: in Azure the instance is an ARM resource, and the cluster may
   * have no object that says which class is the default.
   */
  AIO_DEFAULT_SPC: text.refine((v) => v === undefined || dnsSubdomain.test(v),
    "must be a SecretProviderClass name (lowercase letters, digits, dashes and dots; at most 253), not a resource id"),
  KUBECONFIG: text.refine((v) => v === undefined || !v.includes(":"),
    "must be the path of one kubeconfig file (a ':'-separated list is not supported)"),
  /** Set by Kubernetes in every pod: the portal then uses its service account (in-cluster configuration). */
  KUBERNETES_SERVICE_HOST: text,
  KEY_VAULT_INDEX_REFRESH_SECONDS: text.refine((v) => v === undefined || (/^\d{1,6}$/.test(v) && Number(v) >= 5),
    "must be a whole number of seconds, at least 5"),
  /**
   * How long an object of the default SecretProviderClass stays after no SecretSync maps it any more (seconds,
   * default 600). Saves add their objects before their SecretSync maps them, and another replica's clean-up must
   * not remove them in between, so in production it is far longer than a save takes (tests shorten it to seconds).
   */
  SPC_OBJECT_GRACE_SECONDS: text.refine((v) => v === undefined || (/^\d{1,7}$/.test(v) && Number(v) >= 1 && Number(v) <= 2_592_000),
    "must be a whole number of seconds from 1 to 2592000 (30 days)"),
  LOG_LEVEL: text.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v),
    `must be one of ${LOG_LEVELS.join(", ")}`),
  // Sign-in (bearer tokens for the portal API, the browser's MSAL settings) and the audit log: auth-env.ts.
  ...authEnvShape,
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PortalConfig {
  keyVault: {
    /** Always ends with `/`. */
    url: string;
    name: string;
    disableChallengeResourceVerification: boolean;
    indexRefreshSeconds: number;
  };
  azure: {
    tenantId: string;
    clientId: string | undefined;
    /** Set: ClientSecretCredential (local stack, service principal); unset: DefaultAzureCredential. */
    clientSecret: string | undefined;
    authorityHost: string;
    disableInstanceDiscovery: boolean;
  };
  instance: {
    name: string;
    namespace: string;
    /** AIO_DEFAULT_SPC: when set, the instance's default SecretProviderClass, read from nowhere else. */
    defaultSecretProviderClass?: string;
  };
  secretSync: {
    /** SPC_OBJECT_GRACE_SECONDS: an unmapped object of the default SecretProviderClass is removed after this long. */
    spcObjectGraceSeconds: number;
  };
  /** How the portal reaches the cluster; `null` when neither KUBECONFIG nor an in-cluster service account is there. */
  kube: KubeConnectionConfig | null;
  logLevel: LogLevel;
  auth: AuthConfig;
  audit: AuditConfig;
}

/** An explicit kubeconfig (local stack, an operator's machine) wins over the pod's service account, as in kubectl. */
export type KubeConnectionConfig = { source: "kubeconfig"; path: string } | { source: "in-cluster" };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One line, naming each variable; never the value (AZURE_CLIENT_SECRET could be one of them).
    super(`Configuration error: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Pure: parses a given environment. Throws {@link ConfigError}. */
export function parseConfig(env: Record<string, string | undefined>): PortalConfig {
  const parsed = schema.safeParse(pick(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`));
  }
  const e = parsed.data;
  const url = withSlash(e.KEY_VAULT_URL!);
  const name = e.KEY_VAULT_NAME ?? vaultNameFromUrl(url);
  const problems: string[] = [];
  if (!name) problems.push("KEY_VAULT_NAME: is required when KEY_VAULT_URL is not a *.vault.azure.net URL");
  if (e.AZURE_CLIENT_SECRET !== undefined && e.AZURE_CLIENT_ID === undefined) {
    problems.push("AZURE_CLIENT_ID: is required when AZURE_CLIENT_SECRET is set");
  }
  problems.push(...authConfigProblems(e));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    keyVault: {
      url,
      name: name!,
      disableChallengeResourceVerification: e.KEY_VAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION,
      indexRefreshSeconds: Number(e.KEY_VAULT_INDEX_REFRESH_SECONDS ?? 60),
    },
    azure: {
      tenantId: e.AZURE_TENANT_ID!,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      authorityHost: e.AZURE_AUTHORITY_HOST ?? "https://login.microsoftonline.com",
      disableInstanceDiscovery: e.AZURE_DISABLE_INSTANCE_DISCOVERY,
    },
    instance: { name: e.AIO_INSTANCE_NAME!, namespace: e.AIO_NAMESPACE ?? "azure-iot-operations",
      ...(e.AIO_DEFAULT_SPC !== undefined && { defaultSecretProviderClass: e.AIO_DEFAULT_SPC }) },
    secretSync: { spcObjectGraceSeconds: Number(e.SPC_OBJECT_GRACE_SECONDS ?? 600) },
    kube: e.KUBECONFIG !== undefined ? { source: "kubeconfig", path: e.KUBECONFIG }
      : e.KUBERNETES_SERVICE_HOST !== undefined ? { source: "in-cluster" } : null,
    logLevel: (e.LOG_LEVEL ?? "info") as LogLevel,
    ...authConfigFrom(e),
  };
}

let cached: PortalConfig | undefined;

/** The process's configuration, parsed from `process.env` at first call. Throws {@link ConfigError}. */
export function getConfig(): PortalConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

function pick(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k]]));
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** `https://contoso-kv.vault.azure.net/` → `contoso-kv` (sovereign clouds: vault.azure.cn, vault.usgovcloudapi.net…). */
function vaultNameFromUrl(url: string): string | undefined {
  const m = /^([a-z0-9-]+)\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)$/i.exec(new URL(url).hostname);
  return m?.[1];
}
