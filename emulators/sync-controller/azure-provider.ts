import { SyncFailure } from "./conditions";
import type { HttpsClient } from "./https-json";
import { fileNameOf, parseSpcObjects, SpcObjectsError, type SpcObject } from "./spc-objects";
import type { WorkloadTokens } from "./workload-token";

const API_VERSION = "7.6";

export interface ProviderRequest {
  provider: string;                              // spec.provider of the SPC
  parameters: Record<string, string>;            // spec.parameters of the SPC
  namespace: string;
  serviceAccountName: string;
  /** The files the SecretSync maps: only their objects are fetched (the extension's partial sync). */
  sourcePaths: readonly string[];
}

/**
 * What the Azure Key Vault provider does for one mount, as the sync controller calls it: read the SPC parameters,
 * get a Key Vault token through workload identity, fetch the latest (or pinned) version of each object and decode
 * it (`objectEncoding`). Returns file name → bytes. Failures are SyncFailures: ControllerSPCError for an SPC that
 * cannot work (other provider, missing parameter, unparsable objects), ProviderError with the Key Vault or Entra
 * error otherwise. Objects the SecretSync does not map are not fetched, so one missing object of a shared SPC fails
 * only the SecretSyncs that use it (the extension's enablePartialSecretSync, default true).
 */
export async function mountAzureKeyVault(r: ProviderRequest, deps: {
  http: HttpsClient; tokens: WorkloadTokens; vaultUrl(name: string): string | undefined;
}): Promise<Map<string, Buffer>> {
  if (r.provider !== "azure") {
    throw new SyncFailure("ControllerSPCError", `provider "${r.provider}" is not installed (the local stack runs the azure provider)`);
  }
  const p = Object.fromEntries(Object.entries(r.parameters).map(([k, v]) => [k, String(v).trim()]));
  const vaultName = p.keyvaultName;
  const tenantId = p.tenantID || p.tenantId;
  const clientId = p.clientID;
  for (const [key, value] of [["keyvaultName", vaultName], ["tenantId", tenantId], ["clientID", clientId]]) {
    if (!value) throw new SyncFailure("ControllerSPCError", `the SecretProviderClass has no parameter ${key}`);
  }
  let objects: SpcObject[];
  try {
    objects = parseSpcObjects(p.objects);
  } catch (err) {
    if (err instanceof SpcObjectsError) throw new SyncFailure("ControllerSPCError", err.message);
    throw err;
  }
  const wanted = objects.filter((o) => r.sourcePaths.includes(fileNameOf(o)));
  for (const o of wanted) checkObject(o);
  if (wanted.length === 0) return new Map();

  const vaultUrl = deps.vaultUrl(vaultName!);
  if (!vaultUrl) {
    throw new SyncFailure("ProviderError", `keyvault "${vaultName}" could not be reached: no such vault is configured for this cluster`);
  }
  const assertion = await deps.tokens.serviceAccountToken(r.namespace, r.serviceAccountName);
  const token = await deps.tokens.keyVaultToken(tenantId!, clientId!, assertion);
  const files = new Map<string, Buffer>();
  for (const o of wanted) {
    files.set(fileNameOf(o), decode(o, await getSecretValue(deps.http, vaultUrl, vaultName!, o, token)));
  }
  return files;
}

function checkObject(o: SpcObject): void {
  const type = o.objectType.toLowerCase();
  if (!["secret", "key", "cert"].includes(type)) {
    throw new SyncFailure("ProviderError", `object "${o.objectName}": Invalid vaultObjectTypes. Should be secret, key, or cert`);
  }
  if (type !== "secret") {
    throw new SyncFailure("ProviderError", `object "${o.objectName}": objectType ${type} is not served by the local ` +
      "stack's Key Vault stand-in (secrets only); store the value as a secret");
  }
  if ((o.objectVersionHistory ?? 0) > 1) {
    throw new SyncFailure("ProviderError", `object "${o.objectName}": objectVersionHistory is not supported by the local stack`);
  }
  const encoding = (o.objectEncoding ?? "utf-8").toLowerCase();
  if (!["utf-8", "base64", "hex"].includes(encoding)) {
    throw new SyncFailure("ProviderError", `object "${o.objectName}": invalid objectEncoding "${o.objectEncoding}"; ` +
      "should be utf-8, base64 or hex");
  }
}

async function getSecretValue(http: HttpsClient, vaultUrl: string, vaultName: string, o: SpcObject, token: string): Promise<string> {
  const version = o.objectVersion && o.objectVersion.toLowerCase() !== "latest" ? `/${encodeURIComponent(o.objectVersion)}` : "";
  const url = new URL(`secrets/${encodeURIComponent(o.objectName)}${version}?api-version=${API_VERSION}`, vaultUrl);
  const where = `secret "${o.objectName}" from keyvault "${vaultName}"`;
  let r;
  try {
    r = await http.send({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
  } catch (err) {
    throw new SyncFailure("ProviderError", `failed to get ${where}: ${(err as Error).message}`);
  }
  const body = (r.json ?? {}) as { value?: unknown; error?: { code?: string; message?: string; innererror?: { code?: string } } };
  if (r.status === 200 && typeof body.value === "string") return body.value;
  const e = body.error;
  const code = e?.code ? `${e.code}${e.innererror?.code ? ` (${e.innererror.code})` : ""}` : `HTTP ${r.status}`;
  throw new SyncFailure("ProviderError", `failed to get ${where}: ${r.status} ${code}: ${e?.message ?? "no error message"}`);
}

function decode(o: SpcObject, value: string): Buffer {
  switch ((o.objectEncoding ?? "utf-8").toLowerCase()) {
    case "base64":
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s/g, ""))) throw undecodable(o, "base64");
      return Buffer.from(value, "base64");
    case "hex":
      if (!/^([0-9a-fA-F]{2})*$/.test(value.trim())) throw undecodable(o, "hex");
      return Buffer.from(value.trim(), "hex");
    default:
      return Buffer.from(value, "utf8");
  }
}

function undecodable(o: SpcObject, encoding: string): SyncFailure {
  return new SyncFailure("ProviderError", `object "${o.objectName}": the value is not valid ${encoding} (objectEncoding ${encoding})`);
}
