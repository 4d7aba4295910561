import { SyncFailure } from "./conditions";
import type { HttpsClient } from "./https-json";
import { KubeApiError, paths, type KubeClient } from "./kube-client";

/** The audience Entra expects in a federated assertion (what the extension asks the API server for). */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
const VAULT_SCOPE = "https://vault.azure.net/.default";
const SA_TOKEN_SECONDS = 3600;

/**
 * Workload identity, both halves: a service-account token from the API server (TokenRequest, audience
 * api://AzureADTokenExchange; cached until 5 minutes before it expires, as the controller's token manager does),
 * then the client-credentials grant with that token as `client_assertion` at the identity provider, for a Key Vault
 * token of the managed identity named by the SPC's clientID. The vault token is not cached: every sync makes the
 * exchange, so a removed federated credential shows up at the next sync, as with the provider (one exchange per mount).
 */
export class WorkloadTokens {
  private readonly saTokens = new Map<string, { token: string; refreshAt: number }>();

  constructor(private readonly kube: KubeClient, private readonly http: HttpsClient, private readonly authorityHost: string) {}

  async serviceAccountToken(namespace: string, name: string): Promise<string> {
    const key = `${namespace}/${name}`;
    const cached = this.saTokens.get(key);
    if (cached && cached.refreshAt > Date.now()) return cached.token;
    let answer: { status?: { token?: string; expirationTimestamp?: string } };
    try {
      answer = await this.kube.call("POST", paths.serviceAccountToken(namespace, name), {
        apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest",
        spec: { audiences: [TOKEN_EXCHANGE_AUDIENCE], expirationSeconds: SA_TOKEN_SECONDS },
      });
    } catch (err) {
      const why = err instanceof KubeApiError ? err.message : String(err);
      throw new SyncFailure("ControllerInternalError",
        `failed to get a token for service account "${name}" in namespace "${namespace}": ${why}`);
    }
    const token = answer.status?.token;
    if (!token) throw new SyncFailure("ControllerInternalError", `the TokenRequest for service account "${name}" returned no token`);
    const expires = Date.parse(answer.status?.expirationTimestamp ?? "") || Date.now() + SA_TOKEN_SECONDS * 1000;
    this.saTokens.set(key, { token, refreshAt: expires - 5 * 60_000 });
    return token;
  }

  /** Exchanges the service-account token for a Key Vault access token of `clientId` in `tenantId`. */
  async keyVaultToken(tenantId: string, clientId: string, assertion: string): Promise<string> {
    const endpoint = `${this.authorityHost}${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: "client_credentials", client_id: clientId, scope: VAULT_SCOPE,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion,
    });
    let r;
    try {
      r = await this.http.send({ method: "POST", url: endpoint, body: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" } });
    } catch (err) {
      throw new SyncFailure("ProviderError", `token exchange at ${endpoint} failed: ${(err as Error).message}`);
    }
    const body = (r.json ?? {}) as { access_token?: string; error?: string; error_description?: string };
    if (r.status === 200 && body.access_token) return body.access_token;
    const why = body.error_description ? `${body.error ?? "error"}: ${body.error_description}` : `HTTP ${r.status}`;
    throw new SyncFailure("ProviderError",
      `token exchange for client ${clientId} (workload identity federation) was refused: ${why}`);
  }
}
