import "server-only";
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import { SecretClient, type SecretClientOptions, type SecretProperties } from "@azure/keyvault-secrets";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import type { PortalConfig } from "@/server/config/env";
import { mapKeyVaultError, type KeyVaultOperation } from "@/server/adapters/key-vault-errors";
import { mappedCall } from "@/server/adapters/mapped-call";

/**
 * The portal's only Key Vault code. Real Azure and the local stand-in differ only in configuration (URLs,
 * credential, challenge verification). Functions return our types; SDK types and errors stop here.
 */

export interface NewKeyVaultSecret {
  name: string;
  /** Write-only: sent to Key Vault, never returned or logged. */
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled?: boolean;
  expiresOn?: Date;
  notBefore?: Date;
}

export type KeyVaultSecretPatch = Omit<NewKeyVaultSecret, "name" | "value">;

/** A version just written: its properties and its version id (set by Key Vault; absent from stand-ins that lack it). */
export type WrittenKeyVaultSecret = KeyVaultSecretSummary & { version?: string | null };

export interface DeletedKeyVaultSecret extends KeyVaultSecretSummary {
  recoveryId: string | null;
  deletedOn: string | null;
  scheduledPurgeDate: string | null;
}

export interface KeyVaultSecretsAdapter {
  readonly vault: { name: string; url: string };
  /** The vault's secret properties, one page (≤ 25, Key Vault's cap) fetched per iteration step. */
  secretPages(pageSize?: number): AsyncIterator<KeyVaultSecretSummary[]> & AsyncIterable<KeyVaultSecretSummary[]>;
  getSecretProperties(name: string): Promise<KeyVaultSecretSummary>;
  /** Creates a new version; answers its properties, never the value. */
  setSecret(secret: NewKeyVaultSecret): Promise<WrittenKeyVaultSecret>;
  /**
   * One attempt at creating a version, with the SDK's own retry off: after a network error or a 5xx the write may
   * or may not have landed, and only the caller can tell (by reading the secret back, e.g. its tags) whether to
   * write again. A blind retry could make a second version.
   */
  setSecretOnce(secret: NewKeyVaultSecret): Promise<WrittenKeyVaultSecret>;
  /** The soft-deleted secret holding this name; not-found (404) when there is none. */
  getDeletedSecret(name: string): Promise<DeletedKeyVaultSecret>;
  updateSecretProperties(name: string, patch: KeyVaultSecretPatch): Promise<KeyVaultSecretSummary>;
  /** Soft delete; returns once Key Vault accepted it (not when the delete finished). */
  deleteSecret(name: string): Promise<DeletedKeyVaultSecret>;
  recoverDeletedSecret(name: string): Promise<KeyVaultSecretSummary>;
}

/** Key Vault serves at most 25 items a page. */
export const KEY_VAULT_MAX_PAGE_SIZE = 25;

export function createCredential(azure: PortalConfig["azure"]): TokenCredential {
  const common = { authorityHost: azure.authorityHost, disableInstanceDiscovery: azure.disableInstanceDiscovery };
  if (azure.clientSecret !== undefined && azure.clientId !== undefined) {
    return new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, common);
  }
  // Workload identity in a cluster (AZURE_FEDERATED_TOKEN_FILE set by its webhook), managed identity, or az login.
  return new DefaultAzureCredential({ ...common, tenantId: azure.tenantId,
    ...(azure.clientId && { managedIdentityClientId: azure.clientId, workloadIdentityClientId: azure.clientId }) });
}

export function createKeyVaultAdapter(
  config: Pick<PortalConfig, "keyVault" | "azure">,
  credential: TokenCredential = createCredential(config.azure),
  /** Tests pass an `httpClient` that answers like Key Vault, or an `agent` that trusts the local stack's CA. */
  clientOptions: Pick<SecretClientOptions, "httpClient" | "agent"> = {},
): KeyVaultSecretsAdapter {
  const { url, name: vaultName } = config.keyVault;
  const common = { disableChallengeResourceVerification: config.keyVault.disableChallengeResourceVerification };
  const mainGate = oneAtATimeUntilAuthorized();
  const singleAttemptGate = oneAtATimeUntilAuthorized();
  const client = new SecretClient(url, credential, {
    ...common,
    // The SDK retries 429/5xx/network itself; keep that short so an operator waits seconds, not a minute.
    retryOptions: { maxRetries: 2, retryDelayInMs: 300, maxRetryDelayInMs: 3000 },
    ...clientOptions,
    additionalPolicies: [mainGate.watch],
  });
  const singleAttempt = new SecretClient(url, credential, { ...common, retryOptions: { maxRetries: 0 }, ...clientOptions,
    additionalPolicies: [singleAttemptGate.watch] });

  const mapped = mappedCall<KeyVaultOperation>((err, operation, secretName) =>
    mapKeyVaultError(err, { operation, vaultName, secretName, principalClientId: config.azure.clientId }));
  const call = <T>(operation: KeyVaultOperation, secretName: string | undefined, run: () => Promise<T>, gate = mainGate.gate) =>
    mapped(operation, secretName, () => gate(run));

  const set = (sdk: SecretClient, s: NewKeyVaultSecret) => call("set", s.name, async () => {
    const { properties } = await sdk.setSecret(s.name, s.value,
      { contentType: s.contentType, tags: s.tags, enabled: s.enabled, expiresOn: s.expiresOn, notBefore: s.notBefore });
    return { ...toSummary(properties), version: properties.version ?? null };
  }, sdk === client ? mainGate.gate : singleAttemptGate.gate);

  /** Latest version's properties. `getSecret` also fetches the value, dropped at once; Key Vault refuses it
   * for a disabled secret (403 SecretDisabled; some vaults also for one expired or not yet valid), so then the
   * newest entry of the version list answers. */
  async function latest(name: string): Promise<SecretProperties> {
    try {
      return (await client.getSecret(name)).properties;
    } catch (err) {
      if (!isUnreadableValue(err)) throw err;
      let newest: SecretProperties | undefined;
      for await (const v of client.listPropertiesOfSecretVersions(name)) {
        if (!newest || (v.createdOn?.getTime() ?? 0) >= (newest.createdOn?.getTime() ?? 0)) newest = v;
      }
      if (!newest) throw err;
      return newest;
    }
  }

  return {
    vault: { name: vaultName, url },

    secretPages(pageSize = KEY_VAULT_MAX_PAGE_SIZE) {
      const maxPageSize = Math.max(1, Math.min(pageSize, KEY_VAULT_MAX_PAGE_SIZE));
      // Note: @azure/keyvault-secrets 4.11 drops `continuationToken` from mapped pages, so a page cannot be
      // resumed from a token; callers keep this iterator instead (see services/vault-page-cursors.ts).
      return (async function* pages() {
        const sdkPages = client.listPropertiesOfSecrets().byPage({ maxPageSize });
        let done = false;
        try {
          // Each page is a request of the client like any other: the first of them may be the client's first request
          // (the name index usually is), and no other request goes until the handshake is done (oneAtATimeUntilAuthorized).
          for (;;) {
            const next = await mainGate.gate(() => sdkPages.next());
            if (next.done) {
              done = true;
              return;
            }
            yield next.value.map(toSummary);
          }
        } catch (err) {
          done = true;
          throw mapKeyVaultError(err, { operation: "list", vaultName });
        } finally {
          // A caller that stops early closes the SDK's pages too (as `for await` would).
          if (!done) await sdkPages.return?.(undefined);
        }
      })();
    },

    getSecretProperties: (name) => call("get", name, async () => toSummary(await latest(name))),

    setSecret: (s) => set(client, s),

    setSecretOnce: (s) => set(singleAttempt, s),

    getDeletedSecret: (name) => call("get-deleted", name, async () => {
      const { properties } = await client.getDeletedSecret(name);
      return {
        ...toSummary(properties),
        recoveryId: properties.recoveryId ?? null,
        deletedOn: iso(properties.deletedOn),
        scheduledPurgeDate: iso(properties.scheduledPurgeDate),
      };
    }),

    updateSecretProperties: (name, patch) => call("update", name, async () => {
      const { version } = await latest(name);
      return toSummary(await client.updateSecretProperties(name, version ?? "", patch));
    }),

    deleteSecret: (name) => call("delete", name, async () => {
      const poller = await client.beginDeleteSecret(name);
      const deleted = poller.getOperationState().result;
      return {
        ...toSummary(deleted?.properties ?? { name, vaultUrl: url }),
        recoveryId: deleted?.properties.recoveryId ?? null,
        deletedOn: iso(deleted?.properties.deletedOn),
        scheduledPurgeDate: iso(deleted?.properties.scheduledPurgeDate),
      };
    }),

    recoverDeletedSecret: (name) => call("recover", name, async () => {
      const poller = await client.beginRecoverDeletedSecret(name);
      const recovered = poller.getOperationState().result;
      return toSummary(recovered ?? (await latest(name)));
    }),
  };
}

export function toSummary(p: Pick<SecretProperties, "name"> & Partial<SecretProperties>): KeyVaultSecretSummary {
  return {
    name: p.name,
    contentType: p.contentType ?? null,
    enabled: p.enabled ?? true,
    createdOn: iso(p.createdOn),
    updatedOn: iso(p.updatedOn),
    expiresOn: iso(p.expiresOn),
    notBefore: iso(p.notBefore),
    tags: { ...p.tags },
  };
}

type AdditionalPolicy = NonNullable<SecretClientOptions["additionalPolicies"]>[number];

/**
 * The SDK's challenge handshake (@azure/keyvault-common) sends a client's very first request without its body, and
 * puts the body back when the 401 challenge comes, unless another request finished the handshake first: two first
 * requests at once can then lose one body, and Key Vault answers 400 "the request body is empty". So each client
 * sends one request alone, and the others wait only until the handshake is done: the first request going out with a
 * token (seen by `watch`, a policy after the SDK's authentication), or its answer, whichever comes first. From then
 * on every request gets the token at once and keeps its body, and none waits for another.
 */
function oneAtATimeUntilAuthorized(): { gate: <T>(run: () => Promise<T>) => Promise<T>; watch: AdditionalPolicy } {
  let first: Promise<unknown> | null = null;
  let open = false;
  let opened!: () => void;
  const handshakeDone = new Promise<void>((resolve) => { opened = resolve; });
  const openUp = () => {
    open = true;
    opened();
  };
  const watch: AdditionalPolicy = {
    position: "perRetry",
    policy: {
      name: "ops-portal-handshake-done",
      sendRequest: (request, next) => {
        if (!open && request.headers.has("authorization")) openUp();
        return next(request);
      },
    },
  };
  function gate<T>(run: () => Promise<T>): Promise<T> {
    if (open) return run();
    if (first) return Promise.race([first, handshakeDone]).then(run, run);
    const result = run();
    first = result.finally(openUp);
    first.catch(() => undefined);
    return result;
  }
  return { gate, watch };
}

const UNREADABLE_VALUE = new Set(["SecretDisabled", "SecretExpired", "SecretNotYetValid"]);

/** Key Vault keeps the value back (403) but the secret is there: its properties can still be read. */
function isUnreadableValue(err: unknown): boolean {
  const e = err as { statusCode?: number; code?: string; details?: { error?: { innerError?: { code?: string } } } };
  const code = e.details?.error?.innerError?.code ?? e.code;
  return e.statusCode === 403 && code !== undefined && UNREADABLE_VALUE.has(code);
}

function iso(d: Date | undefined): string | null {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}
